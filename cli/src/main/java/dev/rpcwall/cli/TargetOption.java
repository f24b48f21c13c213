package dev.rpcwall.cli;

import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Targets;
import dev.rpcwall.emit.deploy.RpcArtifacts;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The value of {@code --target}: one registered target's keyword, or {@code all}. Only the
 * dialects registered in {@link Targets#registry()} are offered.
 */
final class TargetOption {
  private TargetOption() {}

  /** Whether {@code value} is {@code all}: every family, the optional ones only where they fit. */
  static boolean isAll(String value) {
    return value.trim().toLowerCase(Locale.ROOT).equals("all");
  }

  /**
   * Every target {@code --target} names: the registered script dialects, the deployment
   * artifacts ({@link RpcArtifacts#TARGETS}) and the Sigma detection rules, which {@code all}
   * leaves out (files for Group Policy, the registry or a SIEM, asked for by name).
   */
  private static Set<TargetId> named() {
    Set<TargetId> all = EnumSet.copyOf(Targets.builtIn().keySet());
    all.addAll(RpcArtifacts.TARGETS);
    all.add(TargetId.SIGMA);
    return all;
  }

  /** The accepted values for messages: {@code netsh, powershell, ... or all}. */
  static String choices() {
    StringBuilder b = new StringBuilder();
    for (TargetId id : EnumSet.copyOf(named())) {
      b.append(id.keyword()).append(", ");
    }
    return b.substring(0, b.length() - 2) + " or all";
  }

  /** The targets {@code value} names; empty when it names none. */
  static Set<TargetId> parse(String value) {
    String t = value.trim().toLowerCase(Locale.ROOT);
    if (t.equals("all")) {
      return EnumSet.copyOf(Targets.builtIn().keySet());
    }
    for (TargetId id : named()) {
      if (id.keyword().equals(t)) {
        return EnumSet.of(id);
      }
    }
    return EnumSet.noneOf(TargetId.class);
  }
}
