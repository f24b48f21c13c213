package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RpcChecksTest {
  private static final SourceSpan AT = SourceSpan.at("p.rpcwall", 3, 3, 20);
  private static final SourceSpan SVC = SourceSpan.at("p.rpcwall", 5, 1, 10);

  @Test
  void dynamicRange_smallAndLow_warnsAtEachEdge() {
    for (int size : new int[] {99, 100, 101}) {
      Diagnostics out = new Diagnostics();
      RpcChecks.dynamicRange(PortSet.of(6000, 6000 + size - 1), AT, out);
      assertThat(out.sorted()).extracting(Diagnostic::code)
          .as("%d ports", size).isEqualTo(size < 100 ? List.of(Codes.RPC_RANGE_SMALL) : List.of());
    }
    for (int first : new int[] {5000, 5001}) {
      Diagnostics out = new Diagnostics();
      RpcChecks.dynamicRange(PortSet.of(first, first + 200), AT, out);
      assertThat(out.sorted()).extracting(Diagnostic::code)
          .as("from %d", first).isEqualTo(first < 5001 ? List.of(Codes.RPC_RANGE_LOW) : List.of());
    }
  }

  @Test
  void wmiFixedPort_rangesZeroEndpointMapperAndSmb_refused() {
    for (int port : new int[] {0, 135, 445}) {
      Diagnostics out = new Diagnostics();
      assertThat(RpcChecks.wmiFixedPort(PortRange.of(port), true, AT, out)).as("%d", port).isFalse();
      assertThat(out.sorted()).extracting(Diagnostic::code).containsExactly(Codes.WMI_PORT_INVALID);
    }
    Diagnostics out = new Diagnostics();
    assertThat(RpcChecks.wmiFixedPort(PortRange.of(24158, 24159), false, AT, out)).isFalse();
    assertThat(RpcChecks.wmiFixedPort(PortRange.of(24158), true, AT, out)).isTrue();
    assertThat(RpcChecks.wmiFixedPort(PortRange.of(1), true, AT, out)).isTrue();
    assertThat(out.sorted()).hasSize(1);
  }

  @Test
  void dynamicOverlaps_namesEachListenerOnce_atTheRange() {
    Diagnostics out = new Diagnostics();
    RpcChecks.dynamicOverlaps(PortSet.of(100, 6000), AT, OptionalInt.of(5000), SVC,
        List.of(new RpcChecks.Listener("service 'web'", PortSet.of(List.of(PortRange.of(80), PortRange.of(443))), SVC, true),
            new RpcChecks.Listener("service 'far'", PortSet.of(7000, 7001), SVC, true)),
        out);
    List<Diagnostic> d = out.sorted();
    assertThat(d).extracting(Diagnostic::code).containsOnly(Codes.RPC_RANGE_OVERLAP);
    assertThat(d).extracting(Diagnostic::message).containsExactlyInAnyOrder(
        "the dynamic port range overlaps port 135 (the RPC endpoint mapper)",
        "the dynamic port range overlaps port 445 (SMB)",
        "the dynamic port range overlaps the WMI fixed port 5000",
        "the dynamic port range overlaps service 'web' (443)");
    assertThat(d).extracting(Diagnostic::span).containsOnly(AT);
  }
}
