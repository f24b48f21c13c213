package dev.rpcwall.compiler.target;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import java.util.List;

/**
 * What a legacy IPsec emitter needs (issue 6): the policy (names, source spans), the lowered
 * filters (inbound, unmirrored, one port each, never ambiguous: {@code IpsecLowering}), the RPC
 * settings, and the header facts of {@link ScriptInput}. {@code ipv6LeftOut} is true when the
 * policy decides IPv6 traffic and {@code --ipv4-only} left that part out: the script header says
 * so in one sentence ({@link #IPV6_LEFT_OUT}).
 */
public record IpsecScriptInput(
    Policy policy,
    List<IpsecFilter> filters,
    RpcSettings rpc,
    String slug,
    String sourceSha256,
    String toolVersion,
    boolean verified,
    boolean ipv6LeftOut) {
  /** The header sentence of a script compiled with {@code --ipv4-only} from a policy deciding IPv6. */
  public static final String IPV6_LEFT_OUT =
      "IPv6: left out (--ipv4-only); legacy IPsec filters IPv4 only, so this script does not enforce the policy's IPv6 part.";

  public IpsecScriptInput {
    requireNonNull(policy, "policy");
    filters = List.copyOf(filters);
    requireNonNull(rpc, "rpc");
    requireNonNull(slug, "slug");
    requireNonNull(sourceSha256, "sourceSha256");
    requireNonNull(toolVersion, "toolVersion");
  }

  /** The base of the emitted files' names ({@link Slug#fileBase}). */
  public String fileBase() {
    return Slug.fileBase(policy.name());
  }
}
