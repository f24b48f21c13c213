package dev.rpcwall.cli;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.List;

/**
 * {@code lint --show-effective}: what the host enforces. The renderer of the effective view (what
 * is reachable, by port and address, per profile) belongs to the lint engine; {@link #effective}
 * is the one place the command asks for it, so it is pointed at that renderer when it exists. Until
 * then it prints what the host model holds: the default inbound action of each profile, the RPC
 * range as written and the rules with their origins.
 */
final class LintViews {
  private LintViews() {}

  static String effective(EffectiveHost host) {
    StringBuilder b = new StringBuilder("effective host:\n");
    List<Profile> assumed = host.assumedDefaults();
    for (Profile p : Profile.values()) {
      ProfileSetting<Action> s = host.state().defaultInbound().get(p);
      String name = p.name().toLowerCase(java.util.Locale.ROOT);
      b.append("  ").append(name).append(": default inbound ");
      if (s == null || assumed.contains(p)) {
        b.append("block (assumed: no input sets it)\n");
      } else {
        b.append(s.value().name().toLowerCase(java.util.Locale.ROOT))
            .append(" (").append(Reporter.safe(s.origin().location())).append(")\n");
      }
    }
    host.rpcPorts().ifPresentOrElse(
        v -> b.append("  rpc ports: ").append(Reporter.safe(String.join(" ", v.data())))
            .append(" (").append(Reporter.safe(v.origin().location())).append(")\n"),
        () -> b.append("  rpc ports: not set (Windows' default dynamic range)\n"));
    b.append("  rules: ").append(host.state().rules().size()).append('\n');
    for (HostRule r : host.state().rules()) {
      b.append("    ").append(Reporter.safe(r.rule().origin().location())).append("  ")
          .append(r.rule().enabled() ? "" : "(disabled) ")
          .append(r.rule().action().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
          .append(r.rule().direction().name().toLowerCase(java.util.Locale.ROOT)).append(" \"")
          .append(Reporter.safe(r.rule().displayName())).append("\" [")
          .append(r.store().name().toLowerCase(java.util.Locale.ROOT)).append("]\n");
    }
    return b.toString();
  }
}
