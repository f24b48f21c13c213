package dev.rpcwall.compiler.ast;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;

/** A setting inside the {@code rpc} block. */
public sealed interface RpcSetting extends Node {

  /** {@code dynamic ports 5001-5021[, ...]}: the {@code Ports} registry value. */
  record DynamicPorts(SourceSpan span, List<PortRangeLit> ranges) implements RpcSetting {
    public DynamicPorts {
      requireNonNull(span, "span");
      ranges = List.copyOf(ranges);
    }
  }

  /** {@code wmi fixed port 24158}: WMI in its own host ({@code winmgmt -standalonehost}). */
  record WmiFixedPort(SourceSpan span, PortRangeLit port) implements RpcSetting {
    public WmiFixedPort {
      requireNonNull(span, "span");
      requireNonNull(port, "port");
    }
  }
}
