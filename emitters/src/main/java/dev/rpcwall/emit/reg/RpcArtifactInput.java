package dev.rpcwall.emit.reg;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.target.Slug;

/**
 * What the deployment artifacts ({@code reg}, {@code admx}, {@code sceregvl}) need: the policy
 * (its name, its {@code rpc {}} settings and their source spans), the base of the file names
 * ({@link Slug#fileBase}) and the header facts. These artifacts carry only the RPC registry values
 * (windows-semantics.md 6.1), never firewall rules.
 */
public record RpcArtifactInput(
    Policy policy, String fileBase, String slug, String sourceSha256, String toolVersion) {
  public RpcArtifactInput {
    requireNonNull(policy, "policy");
    requireNonNull(fileBase, "fileBase");
    requireNonNull(slug, "slug");
    requireNonNull(sourceSha256, "sourceSha256");
    requireNonNull(toolVersion, "toolVersion");
  }

  /** File base and slug from the policy name, as every other target names its files. */
  public static RpcArtifactInput of(Policy policy, String sourceSha256, String toolVersion) {
    return new RpcArtifactInput(
        policy, Slug.fileBase(policy.name()), Slug.of(policy.name()), sourceSha256, toolVersion);
  }

  /** The policy's RPC dynamic port range, which {@link #checkRpc} requires before any emit. */
  public PortSet dynamicPorts() {
    return policy.rpc().dynamicPorts().orElseThrow(
        () -> new IllegalStateException("emit called although check found no RPC range"));
  }

  /**
   * The check every deployment target shares: without an RPC dynamic range there is nothing to
   * write (an error at the policy name; the integrator skips these targets with a warning under
   * {@code --target all}); a WMI fixed port is set by {@code winmgmt -standalonehost}, a command
   * (windows-semantics.md 6.3), so these files cannot carry it (a warning).
   */
  public static void checkRpc(RpcArtifactInput input, String what, Diagnostics out) {
    Policy p = input.policy();
    if (p.rpc().dynamicPorts().isEmpty()) {
      out.error(Codes.DEPLOY_NO_RPC, p.nameOrigin(),
          "the policy sets no RPC dynamic port range, so " + what + " has nothing to write",
          "add 'rpc { dynamic ports 5001-5100 }' to the policy, or use another target");
    }
    if (p.rpc().wmiFixedPort().isPresent()) {
      out.warning(Codes.DEPLOY_WMI_NOT_REGISTRY, p.rpc().wmiOrigin(),
          "the WMI fixed port is set by 'winmgmt -standalonehost' (windows-semantics.md 6.3), not by"
              + " a registry value; " + what + " does not carry it",
          "run the netsh or powershell output (or winmgmt -standalonehost) on each host for WMI");
    }
  }
}
