package dev.rpcwall.emit.deploy;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.reg.RpcArtifactInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/** Policies with an RPC range for the deployment-artifact tests. */
public final class DeployFixtures {
  private DeployFixtures() {}

  public static final SourceSpan NAME = SourceSpan.at("p.rpcwall", 1, 8, 10);
  public static final SourceSpan RPC = SourceSpan.at("p.rpcwall", 4, 3, 20);

  public static Policy policy(String name, Optional<PortSet> ports, OptionalInt wmi) {
    return new Policy(name, NAME, Optional.empty(), SourceSpan.UNKNOWN, List.of(), Action.BLOCK,
        SourceSpan.UNKNOWN, new RpcSettings(ports, RPC, wmi, wmi.isPresent() ? RPC : SourceSpan.UNKNOWN),
        "p.rpcwall");
  }

  public static RpcArtifactInput input(String name, PortSet ports) {
    return RpcArtifactInput.of(policy(name, Optional.of(ports), OptionalInt.empty()), "ab".repeat(32), "1.0-test");
  }

  /**
   * A random non-empty port set: 1 to 12 ranges, ends drawn so that 0, 1, 65534, 65535 and single
   * ports come up often.
   */
  public static PortSet randomPorts(Random r) {
    int n = 1 + r.nextInt(12);
    List<PortRange> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int a = edge(r);
      int b = r.nextInt(3) == 0 ? a : edge(r);
      ranges.add(PortRange.of(Math.min(a, b), Math.max(a, b)));
    }
    return PortSet.of(ranges);
  }

  private static int edge(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> r.nextInt(3);
      case 1 -> 65535 - r.nextInt(3);
      case 2 -> 5000 + r.nextInt(3) - 1;
      default -> r.nextInt(65536);
    };
  }
}
