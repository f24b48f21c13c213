package dev.rpcwall.compiler.ir;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The RPC settings of a policy: the dynamic port range written to {@code
 * HKLM\SOFTWARE\Microsoft\Rpc\Internet} (windows-semantics.md section 6.1) and the WMI fixed port
 * ({@code winmgmt -standalonehost}, section 6.3). Both optional.
 */
public record RpcSettings(
    Optional<PortSet> dynamicPorts,
    SourceSpan dynamicOrigin,
    OptionalInt wmiFixedPort,
    SourceSpan wmiOrigin) {
  public static final RpcSettings NONE =
      new RpcSettings(Optional.empty(), SourceSpan.UNKNOWN, OptionalInt.empty(), SourceSpan.UNKNOWN);

  public RpcSettings {
    requireNonNull(dynamicPorts, "dynamicPorts");
    requireNonNull(dynamicOrigin, "dynamicOrigin");
    requireNonNull(wmiFixedPort, "wmiFixedPort");
    requireNonNull(wmiOrigin, "wmiOrigin");
  }

  public boolean isEmpty() {
    return dynamicPorts.isEmpty() && wmiFixedPort.isEmpty();
  }
}
