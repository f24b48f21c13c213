package dev.rpcwall.compiler.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WfasRuleTest {
  @Test
  void protocolNumber_namesAndNumbers_asNetshAndPowerShellSpellThem() {
    assertThat(WfasRule.protocolNumber("TCP")).isEqualTo(6);
    assertThat(WfasRule.protocolNumber("udp")).isEqualTo(17);
    assertThat(WfasRule.protocolNumber("ICMPv4")).isEqualTo(1);
    assertThat(WfasRule.protocolNumber("icmpv6")).isEqualTo(58);
    assertThat(WfasRule.protocolNumber("Any")).isEqualTo(WfasRule.ANY_PROTOCOL);
    assertThat(WfasRule.protocolNumber("47")).isEqualTo(47);
    assertThat(WfasRule.protocolNumber("0")).isZero();
    assertThat(WfasRule.protocolNumber("255")).isEqualTo(255);
  }

  @Test
  void protocolNumber_anythingElse_isMinusOne() {
    assertThat(WfasRule.protocolNumber("256")).isEqualTo(-1);
    assertThat(WfasRule.protocolNumber("0047")).isEqualTo(-1);
    assertThat(WfasRule.protocolNumber("gre")).isEqualTo(-1);
    assertThat(WfasRule.protocolNumber("")).isEqualTo(-1);
    assertThat(WfasRule.protocolNumber("-1")).isEqualTo(-1);
  }
}
