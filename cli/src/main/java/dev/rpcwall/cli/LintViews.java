package dev.rpcwall.cli;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.lint.EffectiveView;


/** {@code lint --show-effective}: what the host enforces, as the lint engine's effective view renders it. */
final class LintViews {
  private LintViews() {}

  static String effective(EffectiveHost host, Roles roles) {
    return EffectiveView.render(host, roles);
  }
}
