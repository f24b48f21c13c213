package dev.rpcwall.compiler.target;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import java.util.Optional;
import java.util.Locale;

/**
 * Checks every Windows Firewall target shares, run before any emitter: what the firewall data model
 * itself cannot hold, whatever the dialect's quoting.
 */
public final class TargetChecks {
  /** MS-FASP 2.2.37: names and descriptions are shorter than 10000 chars (windows-semantics.md 1.1). */
  static final int MAX_TEXT = 9999;

  /**
   * The longest policy name or description accepted: rule names and descriptions carry the
   * policy's text plus up to {@value #OWN_TEXT} characters rpcwall adds (prefix, purpose, ports,
   * part number), and must stay within {@link #MAX_TEXT}. The message prints this number.
   */
  static final int OWN_TEXT = 200;

  public static final int MAX_POLICY_TEXT = MAX_TEXT - OWN_TEXT;

  /** winmgmt -standalonehost listens on ncacn_ip_tcp.0.24158 (windows-semantics.md 6.3 rule 1). */
  public static final int WMI_STANDALONE_PORT = 24158;

  private TargetChecks() {}

  public static void check(Policy policy, Diagnostics out) {
    text(policy.name(), "policy name", policy, true, out);
    policy.description().ifPresent(d -> text(d, "description", policy, false, out));
    wmiPort(policy, out);
  }

  /**
   * The WMI fixed port a script can set (every family's scripts set it the same way, so the legacy
   * IPsec targets run this check too).
   */
  public static void wmiPort(Policy policy, Diagnostics out) {
    policy
        .rpc()
        .wmiFixedPort()
        .ifPresent(
            port -> {
              if (port != WMI_STANDALONE_PORT) {
                out.error(
                    Codes.TARGET_WMI_PORT,
                    policy.rpc().wmiOrigin(),
                    "WMI fixed port " + port + " cannot be set by a script: winmgmt -standalonehost"
                        + " always listens on TCP " + WMI_STANDALONE_PORT,
                    "use 'wmi fixed port " + WMI_STANDALONE_PORT + "', or change the DCOM endpoint"
                        + " of the standalone WMI host by hand and keep this port in the policy");
              }
            });
  }

  /**
   * Every address list of every rule against Windows' limits ({@link AddressLimits}), the one
   * check both emitters run: a violation is an error at the policy rule the Windows rule came
   * from, and nothing is written.
   */
  public static boolean addressLists(WfasRuleSet rules, Diagnostics out) {
    boolean ok = true;
    for (WfasRule rule : rules.rules()) {
      ok &= addressList(rule, "remote", rule.remoteAddresses(), out);
      ok &= addressList(rule, "local", rule.localAddresses(), out);
    }
    return ok;
  }

  private static boolean addressList(
      WfasRule rule, String side, AddressCondition condition, Diagnostics out) {
    if (condition.any()) {
      return true;
    }
    Optional<String> problem =
        AddressLimits.countViolation(
                condition.addresses().rangeCount() + condition.keywords().size())
            .or(() -> AddressLimits.violation(condition.addresses()));
    problem.ifPresent(
        p ->
            out.error(
                Codes.TARGET_ADDRESS_LIST,
                rule.origin(),
                "rule '" + rule.displayName() + "': the " + side + " address list cannot be"
                    + " written, Windows refuses it: " + p,
                "split the addresses over several rules, or leave out loopback and '::'"));
    return problem.isEmpty();
  }

  private static void text(String value, String what, Policy policy, boolean isName, Diagnostics out) {
    var span = isName ? policy.nameOrigin() : policy.descriptionOrigin();
    // MS-FASP 2.2.37 forbids '|' in rule names and descriptions: the registry encoding uses it as
    // the field separator (windows-semantics.md 1.2 rule 5, 1.6 rule 5).
    if (value.indexOf('|') >= 0) {
      out.error(
          Codes.TARGET_PIPE,
          span,
          "the " + what + " contains '|', which Windows Firewall does not allow in rule names and"
              + " descriptions",
          "remove the '|' character");
    }
    if (value.length() > MAX_POLICY_TEXT) {
      out.error(
          Codes.TARGET_TOO_LONG,
          span,
          "the " + what + " is " + value.length() + " characters long; at most " + MAX_POLICY_TEXT
              + " fit: Windows Firewall rule names and descriptions hold at most " + MAX_TEXT
              + " characters, and rpcwall adds up to " + OWN_TEXT + " of its own",
          "shorten it to " + MAX_POLICY_TEXT + " characters or fewer");
    }
    if (isName && value.trim().toLowerCase(Locale.ROOT).equals("all")) {
      out.error(
          Codes.TARGET_NAME_ALL,
          span,
          "a policy may not be named 'all': netsh reads name=all as every rule",
          "choose another name");
    }
  }
}
