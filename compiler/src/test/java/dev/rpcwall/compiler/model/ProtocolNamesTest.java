package dev.rpcwall.compiler.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolNamesTest {
  @Test
  void number_namesAndNumbers_asNetshAndPowerShellSpellThem() {
    assertThat(ProtocolNames.number("TCP")).isEqualTo(6);
    assertThat(ProtocolNames.number("udp")).isEqualTo(17);
    assertThat(ProtocolNames.number("ICMPv4")).isEqualTo(1);
    assertThat(ProtocolNames.number("icmpv6")).isEqualTo(58);
    assertThat(ProtocolNames.number("Any")).isEqualTo(WfasRule.ANY_PROTOCOL);
    assertThat(ProtocolNames.number("47")).isEqualTo(47);
    assertThat(ProtocolNames.number("0")).isZero();
    assertThat(ProtocolNames.number("255")).isEqualTo(255);
  }

  @Test
  void number_anythingElse_isMinusOne() {
    assertThat(ProtocolNames.number("256")).isEqualTo(-1);
    assertThat(ProtocolNames.number("0047")).isEqualTo(-1);
    assertThat(ProtocolNames.number("gre")).isEqualTo(-1);
    assertThat(ProtocolNames.number("")).isEqualTo(-1);
    assertThat(ProtocolNames.number("-1")).isEqualTo(-1);
  }

  @Test
  void name_everyNumber_readsBackAsItInEveryCase() {
    for (int n = 0; n <= 255; n++) {
      String written = ProtocolNames.name(n).orElse(Integer.toString(n));
      assertThat(ProtocolNames.number(written)).as(written).isEqualTo(n);
      assertThat(ProtocolNames.number(written.toLowerCase(java.util.Locale.ROOT))).as(written).isEqualTo(n);
      assertThat(ProtocolNames.number(written.toUpperCase(java.util.Locale.ROOT))).as(written).isEqualTo(n);
    }
    assertThat(ProtocolNames.name(dev.rpcwall.compiler.semantics.Protocol.TCP.number())).contains("TCP");
    assertThat(ProtocolNames.name(dev.rpcwall.compiler.semantics.Protocol.UDP.number())).contains("UDP");
    assertThat(ProtocolNames.name(WfasRule.ANY_PROTOCOL)).isEmpty();
  }
}
