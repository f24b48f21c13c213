package dev.rpcwall.compiler.model.ipsec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpsecEvaluatorTest {
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final long NET = ip("10.1.1.0");
  private static final long HOST = ip("10.1.1.7");

  private static long ip(String text) {
    return Ip.parse(text).orElseThrow().lo();
  }

  private static IpsecVerdict decide(List<IpsecFilter> filters, String remote, int protocol, int port) {
    return IpsecEvaluator.of(filters).decide(ip(remote), protocol, port).verdict();
  }

  @Test
  void noFilter_passes() {
    assertThat(decide(List.of(), "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.NO_MATCH);
    assertThat(IpsecVerdict.NO_MATCH.passes()).isTrue();
  }

  @Test
  void moreSpecificPass_overridesBroaderBlock() {
    // 5.5 rule 2: the block-all-then-permit idiom.
    List<IpsecFilter> f =
        List.of(
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS));
    assertThat(decide(f, "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.PASS);
    assertThat(decide(f, "10.1.2.7", TCP, 135)).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(decide(f, "10.1.1.7", TCP, 136)).isEqualTo(IpsecVerdict.NO_MATCH);
    assertThat(decide(f, "10.1.1.7", UDP, 135)).isEqualTo(IpsecVerdict.NO_MATCH);
  }

  @Test
  void nestedChain_innermostDecides() {
    List<IpsecFilter> f =
        List.of(
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS),
            IpsecFilter.inbound(IpsecAddress.host(HOST), TCP, 135, IpsecAction.BLOCK));
    assertThat(decide(f, "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(decide(f, "10.1.1.8", TCP, 135)).isEqualTo(IpsecVerdict.PASS);
    assertThat(decide(f, "10.1.2.8", TCP, 135)).isEqualTo(IpsecVerdict.BLOCK);
  }

  @Test
  void networkAnyPortVersusHostOnePort_isAmbiguous() {
    // /24 PASS on every port vs host BLOCK on 135: the host is narrower in address, the /24 is
    // broader in port: neither contains the other, and 5.5 rule 3 leaves the weighting open.
    List<IpsecFilter> f =
        List.of(
            IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 0, IpsecAction.PASS),
            IpsecFilter.inbound(IpsecAddress.host(HOST), 0, 135, IpsecAction.BLOCK));
    IpsecEvaluator.Outcome o = IpsecEvaluator.of(f).decide(HOST, TCP, 135);
    assertThat(o.verdict()).isEqualTo(IpsecVerdict.AMBIGUOUS);
    assertThat(o.deciding()).hasSize(2);
    // elsewhere only one of them matches
    assertThat(decide(f, "10.1.1.7", TCP, 136)).isEqualTo(IpsecVerdict.PASS);
    assertThat(decide(f, "10.1.1.8", TCP, 135)).isEqualTo(IpsecVerdict.PASS);
  }

  @Test
  void protocolAnyVersusPortSpecific_isAmbiguousWhenIncomparable() {
    // host BLOCK any protocol/port vs /24 PASS tcp 135: address narrower, protocol/port broader.
    List<IpsecFilter> f =
        List.of(
            IpsecFilter.inbound(IpsecAddress.host(HOST), 0, 0, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS));
    assertThat(decide(f, "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.AMBIGUOUS);
    assertThat(decide(f, "10.1.1.7", UDP, 135)).isEqualTo(IpsecVerdict.BLOCK);
  }

  @Test
  void equalFiltersWithDifferentActions_areAmbiguous_sameActionIsNot() {
    IpsecFilter pass = IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS);
    IpsecFilter block = IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.BLOCK);
    assertThat(decide(List.of(pass, block), "10.1.1.1", TCP, 135)).isEqualTo(IpsecVerdict.AMBIGUOUS);
    assertThat(decide(List.of(pass, pass), "10.1.1.1", TCP, 135)).isEqualTo(IpsecVerdict.PASS);
  }

  @Test
  void narrowerInOneDimensionEqualInOthers_isStrictlyMoreSpecific() {
    IpsecFilter wide = IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 0, IpsecAction.BLOCK);
    IpsecFilter port = IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS);
    IpsecFilter proto = IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), 0, 0, IpsecAction.PASS);
    assertThat(port.strictlyMoreSpecificThan(wide)).isTrue();
    assertThat(wide.strictlyMoreSpecificThan(port)).isFalse();
    assertThat(wide.strictlyMoreSpecificThan(proto)).isTrue();
    assertThat(port.strictlyMoreSpecificThan(port)).isFalse();
    assertThat(decide(List.of(wide, port), "10.1.1.1", TCP, 135)).isEqualTo(IpsecVerdict.PASS);
    assertThat(decide(List.of(wide, proto), "10.1.1.1", TCP, 135)).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(decide(List.of(wide, proto), "10.1.1.1", UDP, 135)).isEqualTo(IpsecVerdict.PASS);
  }

  @Test
  void me_containedInAny_incomparableWithAnAddressBlock() {
    assertThat(IpsecAddress.any().containsOrEquals(IpsecAddress.me())).isTrue();
    assertThat(IpsecAddress.me().containsOrEquals(IpsecAddress.any())).isFalse();
    assertThat(IpsecAddress.me().containsOrEquals(IpsecAddress.prefix(NET, 24))).isFalse();
    assertThat(IpsecAddress.prefix(NET, 24).containsOrEquals(IpsecAddress.me())).isFalse();
    // destination me is more specific than destination any, all else equal
    IpsecFilter toAny =
        new IpsecFilter(IpsecAddress.any(), IpsecAddress.any(), TCP, 0, 135, false, IpsecAction.BLOCK);
    IpsecFilter toMe =
        new IpsecFilter(IpsecAddress.any(), IpsecAddress.me(), TCP, 0, 135, false, IpsecAction.PASS);
    assertThat(decide(List.of(toAny, toMe), "192.0.2.1", TCP, 135)).isEqualTo(IpsecVerdict.PASS);
  }

  @Test
  void sourceMe_neverMatchesInboundTraffic() {
    IpsecFilter fromMe =
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), TCP, 0, 135, false, IpsecAction.BLOCK);
    assertThat(decide(List.of(fromMe), "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.NO_MATCH);
  }

  @Test
  void mirrored_addsTheReverseFilter() {
    // me:135 + any, i.e. "0:135+*": the mirror is any -> me:135, which matches inbound to 135.
    IpsecFilter outboundOnly =
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), TCP, 135, 0, false, IpsecAction.BLOCK);
    IpsecFilter mirrored =
        new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), TCP, 135, 0, true, IpsecAction.BLOCK);
    assertThat(mirrored.directional()).hasSize(2);
    assertThat(mirrored.directional().get(1).destinationPort()).isEqualTo(135);
    assertThat(mirrored.directional().get(1).sourcePort()).isZero();
    assertThat(decide(List.of(outboundOnly), "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.NO_MATCH);
    assertThat(decide(List.of(mirrored), "10.1.1.7", TCP, 135)).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(decide(List.of(mirrored), "10.1.1.7", TCP, 136)).isEqualTo(IpsecVerdict.NO_MATCH);
  }

  @Test
  void destinationAddressBlock_isNotEvaluatedButListed() {
    IpsecFilter toNet =
        new IpsecFilter(
            IpsecAddress.any(), IpsecAddress.prefix(NET, 24), TCP, 0, 135, false, IpsecAction.BLOCK);
    IpsecEvaluator e = IpsecEvaluator.of(List.of(toNet));
    assertThat(e.unevaluated()).containsExactly(toNet);
    assertThat(e.inboundFilters()).isEmpty();
  }

  @Test
  void negotiate_isItsOwnVerdict() {
    IpsecFilter neg = IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.NEGOTIATE);
    IpsecVerdict v = decide(List.of(neg), "10.1.1.7", TCP, 135);
    assertThat(v).isEqualTo(IpsecVerdict.NEGOTIATE);
    assertThat(v.passes()).isFalse();
  }

  @Test
  void sourcePortFilters_makeTheVerdictDependOnTheRemotePort() {
    IpsecFilter block = IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK);
    IpsecFilter fromPort =
        new IpsecFilter(IpsecAddress.any(), IpsecAddress.me(), TCP, 88, 135, false, IpsecAction.PASS);
    IpsecEvaluator e = IpsecEvaluator.of(List.of(block, fromPort));
    assertThat(e.decide(HOST, 88, TCP, 135).verdict()).isEqualTo(IpsecVerdict.PASS);
    assertThat(e.decide(HOST, 89, TCP, 135).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(e.decide(HOST, TCP, 135).verdict()).isEqualTo(IpsecVerdict.DEPENDS_ON_REMOTE_PORT);
  }

  @Test
  void slices_regionByRegion() {
    List<IpsecFilter> f =
        List.of(
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS),
            IpsecFilter.inbound(IpsecAddress.host(HOST), TCP, 135, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 0, IpsecAction.PASS));
    List<IpsecSlice> slices = IpsecEvaluator.of(f).slices(TCP);
    assertThat(slices.stream().map(IpsecSlice::ports))
        .containsExactly(PortRange.of(0, 134), PortRange.of(135), PortRange.of(136, 65535));
    IpsecSlice s135 = IpsecEvaluator.sliceOf(slices, 135);
    // BLOCK any:135 vs PASS /24:any-port: narrower address, broader port -> the whole /24 is
    // ambiguous on 135 (the host BLOCK is strictly inside the /24 any-port PASS, but that does not
    // settle the first pair)
    assertThat(s135.regionOf(Ip.v4(HOST)).verdict()).isEqualTo(IpsecVerdict.AMBIGUOUS);
    assertThat(s135.regionOf(Ip.v4(HOST)).range())
        .isEqualTo(new IpRange(Ip.v4(NET), Ip.v4(NET + 255)));
    assertThat(s135.regionOf(Ip.v4(NET - 1)).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(s135.regionOf(Ip.v4(NET + 256)).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    // without the any-address BLOCK the host BLOCK is strictly more specific: a region of its own
    List<IpsecSlice> nested = IpsecEvaluator.of(f.subList(1, 4)).slices(TCP);
    IpsecSlice n135 = IpsecEvaluator.sliceOf(nested, 135);
    assertThat(n135.regionOf(Ip.v4(HOST)).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(n135.regionOf(Ip.v4(HOST)).range()).isEqualTo(new IpRange(Ip.v4(HOST), Ip.v4(HOST)));
    assertThat(n135.regionOf(Ip.v4(HOST + 1)).verdict()).isEqualTo(IpsecVerdict.PASS);
    assertThat(n135.regionOf(Ip.v4(NET - 1)).verdict()).isEqualTo(IpsecVerdict.NO_MATCH);
    IpsecSlice other = IpsecEvaluator.sliceOf(slices, 5000);
    assertThat(other.regions())
        .extracting(IpsecRegion::verdict)
        .containsExactly(IpsecVerdict.NO_MATCH, IpsecVerdict.PASS, IpsecVerdict.NO_MATCH);
    assertThat(IpsecEvaluator.of(f).slices(UDP)).hasSize(1);
  }

  @Test
  void addresses_rejectBadMasks() {
    assertThatThrownBy(() -> new IpsecAddress(IpsecAddress.Kind.MASKED, NET, 0xFF00FF00L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IpsecAddress(IpsecAddress.Kind.MASKED, HOST, 0xFFFFFF00L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(IpsecAddress.prefix(HOST, 0)).isEqualTo(IpsecAddress.any());
    assertThat(IpsecAddress.prefix(HOST, 24)).hasToString("10.1.1.0/24");
    assertThat(IpsecAddress.host(HOST)).hasToString("10.1.1.7");
  }

  // Default exemptions (5.5 rule 6) and what a store enforces (5.1)
  // ================================================================

  @Test
  void exemptFlows_passWhateverTheFilters_onlyWithExemptions() {
    List<IpsecFilter> f =
        List.of(
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 88, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.any(), UDP, 500, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.any(), UDP, 88, IpsecAction.BLOCK),
            IpsecFilter.inbound(IpsecAddress.any(), TCP, 500, IpsecAction.BLOCK));
    IpsecEvaluator with = IpsecEvaluator.of(f, IpsecExemptions.DEFAULT);
    assertThat(with.decide(HOST, TCP, 88).verdict()).isEqualTo(IpsecVerdict.EXEMPT);
    assertThat(with.decide(HOST, UDP, 88).verdict()).isEqualTo(IpsecVerdict.EXEMPT);
    assertThat(with.decide(HOST, UDP, 500).verdict()).isEqualTo(IpsecVerdict.EXEMPT);
    assertThat(with.decide(HOST, TCP, 500).verdict()).isEqualTo(IpsecVerdict.BLOCK); // IKE is udp
    assertThat(IpsecVerdict.EXEMPT.passes()).isTrue();
    assertThat(IpsecEvaluator.of(f).decide(HOST, TCP, 88).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    // The region view agrees with the point view: port 88 is its own slice.
    List<IpsecSlice> tcp = with.slices(TCP);
    assertThat(IpsecEvaluator.sliceOf(tcp, 88).ports()).isEqualTo(PortRange.of(88, 88));
    assertThat(IpsecEvaluator.sliceOf(tcp, 88).regions()).singleElement()
        .satisfies(r -> assertThat(r.verdict()).isEqualTo(IpsecVerdict.EXEMPT));
    assertThat(IpsecEvaluator.sliceOf(tcp, 87).regions()).singleElement()
        .satisfies(r -> assertThat(r.verdict()).isEqualTo(IpsecVerdict.NO_MATCH));
  }

  @Test
  void exemptByRemotePort_makesABlockDependOnTheRemotePort() {
    List<IpsecFilter> f = List.of(IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK));
    IpsecEvaluator e = IpsecEvaluator.of(f, IpsecExemptions.DEFAULT_WITH_REMOTE_PORTS);
    assertThat(e.decide(HOST, 88, TCP, 135).verdict()).isEqualTo(IpsecVerdict.EXEMPT);
    assertThat(e.decide(HOST, 1025, TCP, 135).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(e.decide(HOST, TCP, 135).verdict()).isEqualTo(IpsecVerdict.DEPENDS_ON_REMOTE_PORT);
    // A pass stays a pass: exempt or passed, the packet goes through.
    List<IpsecFilter> pass = List.of(IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.PASS));
    assertThat(IpsecEvaluator.of(pass, IpsecExemptions.DEFAULT_WITH_REMOTE_PORTS).decide(HOST, TCP, 135).verdict())
        .isEqualTo(IpsecVerdict.PASS);
  }

  @Test
  void store_enforcesTheAssignedPolicyAndTheDynamicFiltersOnly() {
    IpsecFilter block = IpsecFilter.inbound(IpsecAddress.any(), TCP, 135, IpsecAction.BLOCK);
    IpsecFilter pass = IpsecFilter.inbound(IpsecAddress.prefix(NET, 24), TCP, 135, IpsecAction.PASS);
    IpsecFilter dyn = IpsecFilter.inbound(IpsecAddress.any(), TCP, 445, IpsecAction.BLOCK);
    IpsecPolicy assigned = new IpsecPolicy("a", true,
        List.of(new IpsecRule("r", "r", "r", IpsecAction.BLOCK, List.of(block))));
    IpsecPolicy other = new IpsecPolicy("b", false,
        List.of(new IpsecRule("r", "r", "r", IpsecAction.PASS, List.of(pass))));
    IpsecStore store = new IpsecStore(List.of(other, assigned), List.of(dyn),
        dev.rpcwall.compiler.ir.RpcSettings.NONE);
    assertThat(store.effectiveFilters()).containsExactly(block, dyn);
    IpsecEvaluator e = IpsecEvaluator.of(store.effectiveFilters());
    assertThat(e.decide(HOST, TCP, 135).verdict()).isEqualTo(IpsecVerdict.BLOCK); // b's PASS is not enforced
    assertThat(e.decide(HOST, TCP, 445).verdict()).isEqualTo(IpsecVerdict.BLOCK);
    assertThat(new IpsecStore(List.of(other), List.of(), dev.rpcwall.compiler.ir.RpcSettings.NONE)
        .effectiveFilters()).isEmpty();
    assertThatThrownBy(() -> new IpsecStore(List.of(assigned, new IpsecPolicy("c", true, List.of())),
        List.of(), dev.rpcwall.compiler.ir.RpcSettings.NONE)).isInstanceOf(IllegalArgumentException.class);
  }
}
