package dev.rpcwall.cli;

import dev.rpcwall.compiler.lint.LintCatalog;
import dev.rpcwall.compiler.lint.LintRule;
import java.util.Optional;

import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.lint.Category;
import dev.rpcwall.compiler.lint.Finding;
import java.util.Locale;

/**
 * What SARIF says of each lint rule ({@code tool.driver.rules[]}): a name, a short and a full
 * description, help, the default severity and the category, from the lint catalog (the
 * category's meaning for an ID the catalog does not know).
 */
final class LintRules {
  record Info(
      String id,
      String name,
      String shortDescription,
      String fullDescription,
      String help,
      Severity level,
      Category category) {}

  private LintRules() {}

  /** The rule {@code sample} was reported by. */
  static Info describe(Finding sample) {
    String page = "docs/lint.md#" + sample.id().toLowerCase(Locale.ROOT);
    Optional<LintRule> rule = LintCatalog.byId(sample.id());
    String summary = rule.map(LintRule::title).orElse(summary(sample.category()));
    String hint = rule.map(LintRule::hint).orElse(sample.hint());
    return new Info(
        sample.id(),
        name(sample.category()),
        summary,
        summary + " (category " + sample.category().word() + ")",
        hint + " See " + page + " in rpcwall's documentation.",
        rule.map(LintRule::severity).orElse(sample.severity()),
        sample.category());
  }

  /** {@code rpc-exposed} as {@code RpcExposed}. */
  static String name(Category category) {
    StringBuilder b = new StringBuilder();
    for (String part : category.word().split("-")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  /** One sentence per category, as ISSUE 7 defines the vocabulary. */
  static String summary(Category category) {
    return switch (category) {
      case RPC_EXPOSED -> "The endpoint mapper (135) or the RPC dynamic range is reachable from any address or the Internet.";
      case EPM_WITHOUT_DYNAMIC -> "The endpoint mapper is open but the RPC dynamic range is not.";
      case DYNAMIC_WITHOUT_EPM -> "The RPC dynamic range is open but the endpoint mapper is not: RPC clients hang.";
      case RPC_RANGE_INVALID -> "The RPC dynamic port range setting is malformed or overlaps a static port.";
      case RPC_RANGE_SMALL -> "The RPC dynamic port range has fewer than 100 ports.";
      case RPC_KEYWORD_UNSCOPED -> "An RPC or RPC-EPMap keyword rule has no program or service condition.";
      case DEAD_ALLOW -> "An Allow rule is fully overridden by Block rules.";
      case DUPLICATE -> "A rule duplicates another rule.";
      case REDUNDANT -> "A rule is fully covered by another rule of the same action.";
      case IPV6_OPEN -> "A rule is scoped to IPv4 addresses while the same port is open to IPv6.";
      case MGMT_EXPOSED -> "A management service (RDP, WinRM, SMB, WMI) is open in the Public profile or from any address.";
      case WRONG_PORT_SIDE -> "A rule restricts the remote port where a local (server) port is meant, or the reverse.";
      case LATERAL_MOVEMENT -> "WMI, RPC or SMB is reachable from the workstation subnets.";
      case INVALID_RULE -> "Windows itself would refuse this rule or value.";
      case UNREADABLE -> "Input rpcwall could not read.";
      case POLICY_MISMATCH -> "The host decides otherwise than the policy given with --policy.";
      case POLICY_UNKNOWN -> "Whether the host decides as the policy depends on conditions its files do not show.";
    };
  }
}
