package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The apply script's profile checks (issue 11 point 7, docs/targets/netsh.md "Profile checks"):
 * before anything is changed and again at the end, for every profile the rules use, whether
 * Windows would enforce the policy there. Three conditions, each per profile
 * (windows-semantics.md 2.2 rule 4):
 *
 * <ul>
 *   <li>the firewall is off ({@code EnableFirewall=0}): nothing is blocked (2.1 rule 8). Merge law:
 *       the GPO value wins when it is configured, else the local one (2.3 rule 4, MS-FASP 2.2.38
 *       FW_PROFILE_CONFIG_ENABLE_FW);
 *   <li>shielded ({@code DoNotAllowExceptions} not 0, what {@code blockinboundalways} and
 *       {@code AllowInboundRules False} set): every allow rule is ignored (2.1 rule 7). Merge law:
 *       "on" wins, so both keys are read (2.3 rule 4);
 *   <li>a GPO sets {@code AllowLocalPolicyMerge=0}: the local rules, which netsh writes, are
 *       ignored (2.3 rule 3). Only the GPO value counts, and it is never under StandardProfile
 *       (MS-GPFAS 2.2.3.13).
 * </ul>
 *
 * <p>Keys (windows-semantics.md 3.1): GPO {@code HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\
 * {Domain,Private,Public,Standard}Profile}; the GPO StandardProfile key stands for Private and
 * Public only when neither PrivateProfile nor PublicProfile exists (MS-GPFAS 2.2.3). Local:
 * {@code HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\
 * {Domain,Standard,Public}Profile}, where the private profile's key is StandardProfile: this is
 * what Windows writes (observed; no Microsoft reference page names the local keys, UNCONFIRMED).
 *
 * <p>A value that is missing is "not configured". For the GPO keys that means the local value
 * counts; for the local keys it is read as enforcing (firewall on, not shielded), the shipping
 * default (MS-FASP 2.2.38 gives the defaults only through the DEFAULTS store, 2.3 rule 1;
 * "EnableFirewall true is the default value", Networking-MPSSVC-Svc
 * DomainProfile_EnableFirewall, Windows unattend reference). A value the script cannot read is
 * therefore never reported as a problem: the check can miss a condition but never invents one.
 *
 * <p>How the reader reads these lines: {@code set} of an {@code RPCWALL_} variable changes
 * nothing it models; a {@code for /f} over {@link #query} only reads the registry, and its body
 * only prints and sets a variable; the stop is an {@code if} on a variable and on {@code %~1},
 * which the reader follows both ways.
 */
final class NetshProfileChecks {
  private NetshProfileChecks() {}

  static final String GPO_ROOT = "HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\";
  static final String LOCAL_ROOT =
      "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy\\";

  /** Set to 1 by any check that finds a profile that would not enforce the policy. */
  static final String STOP = "RPCWALL_PROFILE_STOP";
  /** The GPO key that holds the profile's settings. */
  static final String GP = "RPCWALL_GP";
  /** The key whose EnableFirewall counts: the GPO key if it has the value, else the local one. */
  static final String FW = "RPCWALL_FW";

  /** Data patterns for findstr: a DWORD of 0, and a DWORD that is not 0 ({@code reg} prints hex). */
  static final String ZERO = "REG_DWORD  *0x0";
  static final String NONZERO = "REG_DWORD  *0x[1-9a-f]";

  /** The profiles the rules use, in Profile order (a rule with no profile applies in all). */
  static Set<Profile> used(List<WfasRule> rules) {
    Set<Profile> used = EnumSet.noneOf(Profile.class);
    for (WfasRule r : rules) {
      used.addAll(r.profiles().isEmpty() ? EnumSet.allOf(Profile.class) : r.profiles());
    }
    return used;
  }

  static String displayName(Profile p) {
    return switch (p) {
      case DOMAIN -> "Domain";
      case PRIVATE -> "Private";
      case PUBLIC -> "Public";
    };
  }

  static String gpoKey(Profile p) {
    return GPO_ROOT + displayName(p) + "Profile";
  }

  /** The local key; the private profile's is StandardProfile (see the class comment). */
  static String localKey(Profile p) {
    return LOCAL_ROOT + (p == Profile.PRIVATE ? "Standard" : displayName(p)) + "Profile";
  }

  /** The command a {@code for /f} runs: lists the value's line only when its data matches. */
  static String query(String key, String value, String pattern) {
    return "'reg query \"" + key + "\" /v " + value + " 2^>nul ^| findstr /i /r /c:\"" + pattern
        + "\"'";
  }

  private static final Pattern QUERY =
      Pattern.compile(
          "'reg query \"(?:%RPCWALL_[A-Z]+%|HKLM\\\\[A-Za-z\\\\]+)\" /v [A-Za-z]+ 2\\^>nul \\^\\|"
              + " findstr /i /r /c:\"(?:" + Pattern.quote(ZERO) + "|" + Pattern.quote(NONZERO)
              + ")\"'");

  /**
   * Whether {@code set}, the text between the parentheses of a for /f, is a {@link #query}: a
   * {@code reg query} of one value piped to {@code findstr}, which both only read.
   */
  static boolean isQuery(String set) {
    return QUERY.matcher(set).matches();
  }

  /**
   * The checks of one stage ("before" any change or "after" applying). {@code before} decides the
   * message and whether stopping means "nothing was changed".
   */
  static void write(List<String> out, List<WfasRule> rules, boolean before) {
    String stage = before ? "before applying" : "after applying";
    out.add("rem Profile checks " + stage + " (docs/targets/netsh.md, \"Profile checks\"): for each");
    out.add("rem profile the rules use, whether Windows would enforce them there. Stops unless the");
    out.add("rem script runs with /force.");
    out.add("set \"" + STOP + "=\"");
    for (Profile p : used(rules)) {
      String name = displayName(p);
      String prefix = "echo rpcwall: " + stage + ": profile " + name + ": ";
      if (p == Profile.DOMAIN) {
        out.add("set \"" + GP + "=" + gpoKey(p) + "\"");
      } else {
        // MS-GPFAS 2.2.3: StandardProfile stands for both only when neither key exists.
        out.add("set \"" + GP + "=" + GPO_ROOT + "StandardProfile\"");
        for (Profile q : List.of(Profile.PRIVATE, Profile.PUBLIC)) {
          out.add("reg query \"" + gpoKey(q) + "\" >nul 2>&1 && set \"" + GP + "=" + gpoKey(p)
              + "\"");
        }
      }
      out.add("set \"" + FW + "=%" + GP + "%\"");
      out.add("reg query \"%" + GP + "%\" /v EnableFirewall >nul 2>&1 || set \"" + FW + "="
          + localKey(p) + "\"");
      out.add(loop(query("%" + FW + "%", "EnableFirewall", ZERO),
          prefix + "the firewall is off, EnableFirewall=0 in %" + FW + "%, so nothing is blocked."));
      out.add(loop(query("%" + GP + "%", "DoNotAllowExceptions", NONZERO),
          prefix + "shielded, DoNotAllowExceptions is set in %" + GP
              + "%, so every inbound allow rule is ignored."));
      out.add(loop(query(localKey(p), "DoNotAllowExceptions", NONZERO),
          prefix + "shielded, DoNotAllowExceptions is set in " + localKey(p)
              + " - blockinboundalways, so every inbound allow rule is ignored."));
      out.add(loop(query(gpoKey(p), "AllowLocalPolicyMerge", ZERO),
          prefix + "a GPO sets AllowLocalPolicyMerge=0 in " + gpoKey(p)
              + ", so the rules of this computer, these included, are ignored."));
    }
    String force = "\"%~1\"==\"/force\"";
    if (before) {
      out.add("if defined " + STOP + " (if /i " + force
          + " (echo rpcwall: going on because of /force; the policy is not enforced in the profiles named above.)"
          + " else (echo rpcwall: the policy would not be enforced in the profiles named above; nothing was changed. Fix the profile settings or run again with /force.& exit /b 2))");
    } else {
      out.add("if defined " + STOP + " (if /i " + force
          + " (echo rpcwall: /force: the rules are in place but not enforced in the profiles named above.)"
          + " else (echo rpcwall: the rules are in place but not enforced in the profiles named above. Fix the profile settings.& exit /b 2))");
    }
  }

  private static String loop(String query, String echo) {
    return "for /f \"delims=\" %%L in (" + query + ") do (" + echo + "& set \"" + STOP + "=1\")";
  }
}
