package dev.rpcwall.compiler.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpsecLoweringTest {
  private static final IpsecLowering.Options V4 = IpsecLowering.Options.defaults().withIpv4Only(true);
  private static final int TCP = 6;

  private static AddressSet net(String cidr) {
    String[] p = cidr.split("/");
    return AddressSet.cidr(Ip.parse(p[0]).orElseThrow(), Integer.parseInt(p[1]));
  }

  private static long ip(String text) {
    return Ip.parse(text).orElseThrow().lo();
  }

  private static Result<IpsecLowering.Lowered> lower(Policy policy, IpsecLowering.Options opts) {
    return IpsecLowering.lower(DecisionMap.of(policy), opts);
  }

  private static List<String> codes(Result<?> r) {
    return r.diagnostics().stream().map(Diagnostic::code).toList();
  }

  @Test
  void kbExample_twoFiltersPerPort_blockAnyAndPassTheNetwork() {
    Policy kb =
        Policies.named("kb")
            .allow(net("10.1.1.0/24"), PortSet.of(135).union(PortSet.of(5001, 5021)), PortSet.empty())
            .build();
    Result<IpsecLowering.Lowered> r = lower(kb, V4);
    assertThat(r.diagnostics()).isEmpty();
    IpsecLowering.Lowered lowered = r.orElseThrow();
    assertThat(lowered.filterCount()).isEqualTo(44); // 22 ports x (BLOCK any + PASS /24)
    assertThat(lowered.ipv6LeftOut()).isTrue();
    assertThat(lowered.filters().subList(0, 2))
        .containsExactly(
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(ip("10.1.1.0"), 24), TCP, 135, IpsecAction.PASS));
    IpsecEvaluator e = IpsecEvaluator.of(lowered.filters());
    assertThat(e.decide(ip("10.1.1.9"), TCP, 5010).verdict()).isEqualTo(IpsecVerdict.PASS);
    assertThat(e.decide(ip("10.1.2.9"), TCP, 5010).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(e.decide(ip("10.1.2.9"), TCP, 5022).verdict()).isEqualTo(IpsecVerdict.NO_MATCH);
    assertThat(e.decide(ip("10.1.2.9"), 17, 135).verdict()).isEqualTo(IpsecVerdict.NO_MATCH);
  }

  @Test
  void ipv6Decisions_areAnErrorWithoutIpv4Only() {
    Policy kb = Policies.named("kb").allow(net("10.1.1.0/24"), PortSet.of(135), PortSet.empty()).build();
    Result<IpsecLowering.Lowered> r = lower(kb, IpsecLowering.Options.defaults());
    assertThat(r.hasErrors()).isTrue();
    assertThat(codes(r)).containsExactly(Codes.IPSEC_IPV6);
    assertThat(r.value()).isEmpty();
  }

  @Test
  void ipv6Decisions_pointAtTheFirstRuleNamingIpv6() {
    Policy p =
        Policies.named("p")
            .allow(net("10.1.1.0/24"), PortSet.of(135), PortSet.empty())
            .allow(net("2001:db8::/32"), PortSet.of(135), PortSet.empty())
            .build();
    Diagnostic d = lower(p, IpsecLowering.Options.defaults()).diagnostics().get(0);
    assertThat(d.code()).isEqualTo(Codes.IPSEC_IPV6);
    assertThat(d.span().line()).isEqualTo(3);
  }

  @Test
  void noManagedPort_noFilterAndNoIpv6Error() {
    Result<IpsecLowering.Lowered> r =
        lower(Policies.named("empty").build(), IpsecLowering.Options.defaults());
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.orElseThrow().filters()).isEmpty();
    assertThat(r.orElseThrow().ipv6LeftOut()).isFalse();
  }

  @Test
  void profileDependentDecision_isAnErrorAtTheRule() {
    Policy p =
        Policies.named("p")
            .allow(net("10.1.1.0/24"), PortSet.of(135), PortSet.empty(), Profile.DOMAIN)
            .build();
    Result<IpsecLowering.Lowered> r = lower(p, V4);
    assertThat(codes(r)).containsExactly(Codes.IPSEC_PROFILES);
    assertThat(r.diagnostics().get(0).span().line()).isEqualTo(2);
    assertThat(r.diagnostics().get(0).message()).contains("tcp 135").contains("domain");
  }

  @Test
  void profileDifferenceOnlyInIpv6_isFineWithIpv4Only() {
    Policy p =
        Policies.named("p")
            .allow(net("10.1.1.0/24"), PortSet.of(135), PortSet.empty())
            .allow(net("2001:db8::/32"), PortSet.of(135), PortSet.empty(), Profile.DOMAIN)
            .build();
    assertThat(lower(p, V4).diagnostics()).isEmpty();
    assertThat(codes(lower(p, IpsecLowering.Options.defaults())))
        .containsExactlyInAnyOrder(Codes.IPSEC_PROFILES, Codes.IPSEC_IPV6);
  }

  @Test
  void portZero_isAnError() {
    Policy p = Policies.named("p").allow(net("10.1.1.0/24"), PortSet.of(0, 10), PortSet.empty()).build();
    assertThat(codes(lower(p, V4))).containsExactly(Codes.IPSEC_PORT_ZERO);
  }

  @Test
  void nestedException_isAStrictChain() {
    // block 10.1.2.3, allow 10.0.0.0/8, default block: BLOCK any, PASS /8, BLOCK /32 on the port
    Policy p =
        Policies.named("p")
            .block(net("10.1.2.3/32"), PortSet.of(135), PortSet.empty())
            .allow(net("10.0.0.0/8"), PortSet.of(135), PortSet.empty())
            .build();
    List<IpsecFilter> f = lower(p, V4).orElseThrow().filters();
    assertThat(f)
        .containsExactly(
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(ip("10.0.0.0"), 8), TCP, 135, IpsecAction.PASS),
            IpsecFilter.inbound(IpsecAddress.host(ip("10.1.2.3")), TCP, 135, IpsecAction.BLOCK));
    assertThat(f.get(2).strictlyMoreSpecificThan(f.get(1))).isTrue();
    assertThat(f.get(1).strictlyMoreSpecificThan(f.get(0))).isTrue();
    IpsecEvaluator e = IpsecEvaluator.of(f);
    assertThat(e.decide(ip("10.1.2.3"), TCP, 135).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(e.decide(ip("10.1.2.4"), TCP, 135).verdict()).isEqualTo(IpsecVerdict.PASS);
    assertThat(e.decide(ip("11.0.0.0"), TCP, 135).verdict()).isEqualTo(IpsecVerdict.BLOCK);
  }

  @Test
  void allowedEverywhere_noFilter_blockedEverywhere_oneBlockFromAny() {
    Policy open = Policies.named("p").allow(AddressSet.all(), PortSet.of(135), PortSet.empty()).build();
    assertThat(lower(open, V4).orElseThrow().filters()).isEmpty();
    Policy shut = Policies.named("p").block(AddressSet.all(), PortSet.of(135), PortSet.empty()).build();
    assertThat(lower(shut, V4).orElseThrow().filters())
        .containsExactly(IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK));
  }

  @Test
  void blockOneNetworkUnderDefaultAllow_oneBlockFilter() {
    Policy p =
        Policies.named("p")
            .block(net("10.0.0.0/8"), PortSet.of(445), PortSet.empty())
            .defaultAction(Action.ALLOW)
            .build();
    assertThat(lower(p, V4).orElseThrow().filters())
        .containsExactly(
            IpsecFilter.inbound(IpsecAddress.prefix(ip("10.0.0.0"), 8), TCP, 445, IpsecAction.BLOCK));
  }

  @Test
  void manyFilters_warnWithTheCount() {
    Policy p =
        Policies.named("p").allow(net("10.1.1.0/24"), PortSet.of(49152, 65535), PortSet.empty()).build();
    Result<IpsecLowering.Lowered> r = lower(p, V4);
    assertThat(r.hasErrors()).isFalse();
    assertThat(r.orElseThrow().filterCount()).isEqualTo(32768);
    assertThat(r.diagnostics()).hasSize(1);
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(Codes.IPSEC_MANY_FILTERS);
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.message()).contains("32768");
    assertThat(lower(p, new IpsecLowering.Options(true, 40000)).diagnostics()).isEmpty();
  }

  // Default exemptions (windows-semantics.md 5.5 rule 6)
  // =====================================================

  @Test
  void blockingKerberos_isAnErrorAtTheBlockingRule() {
    Policy p =
        Policies.named("p")
            .allow(net("10.1.1.0/24"), PortSet.of(135), PortSet.empty())
            .block(net("0.0.0.0/0"), PortSet.of(80, 90), PortSet.empty())
            .defaultAction(Action.ALLOW)
            .build();
    Result<IpsecLowering.Lowered> r = lower(p, V4);
    assertThat(codes(r)).containsExactly(Codes.IPSEC_EXEMPT_BLOCKED);
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.severity()).isEqualTo(Severity.ERROR);
    assertThat(d.span().line()).isEqualTo(3); // the block rule (Policies: rule i on line i + 2)
    assertThat(d.message()).contains("Kerberos (tcp 88)").contains("would not take effect");
    assertThat(r.value()).isEmpty();
  }

  @Test
  void blockingIkeByTheDefault_isAnErrorAtTheDefault() {
    Policy p =
        Policies.named("p").allow(net("10.1.1.0/24"), PortSet.empty(), PortSet.of(500)).build();
    Result<IpsecLowering.Lowered> r = lower(p, V4);
    assertThat(codes(r)).containsExactly(Codes.IPSEC_EXEMPT_BLOCKED);
    assertThat(r.diagnostics().get(0).message()).contains("IKE (udp 500)");
    assertThat(r.diagnostics().get(0).span()).isEqualTo(p.defaultOrigin().isKnown() ? p.defaultOrigin() : p.nameOrigin());
  }

  @Test
  void allowingExemptFlows_isFine_andWithoutExemptionsBlockingThemIsToo() {
    Policy allow =
        Policies.named("p").allow(net("0.0.0.0/0"), PortSet.of(88), PortSet.of(88, 88).union(PortSet.of(500)))
            .defaultAction(Action.ALLOW).build();
    assertThat(lower(allow, V4).diagnostics()).isEmpty();
    Policy block =
        Policies.named("p").block(net("0.0.0.0/0"), PortSet.of(88), PortSet.empty()).build();
    assertThat(codes(lower(block, V4))).containsExactly(Codes.IPSEC_EXEMPT_BLOCKED);
    assertThat(lower(block, new IpsecLowering.Options(true, 1000,
        dev.rpcwall.compiler.model.ipsec.IpsecExemptions.NONE)).diagnostics()).isEmpty();
  }
}
