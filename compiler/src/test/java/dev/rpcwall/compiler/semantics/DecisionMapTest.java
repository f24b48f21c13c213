package dev.rpcwall.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionMapTest {
  static final Set<Profile> ALL = EnumSet.allOf(Profile.class);

  static AddressSet net(String... literals) {
    AddressSet out = AddressSet.empty();
    for (String s : literals) {
      out = out.union(((dev.rpcwall.compiler.model.AddressEntries.Ok) dev.rpcwall.compiler.model.AddressEntries.parse(s)).set());
    }
    return out;
  }

  static Ip ip(String s) {
    return Ip.parse(s).orElseThrow();
  }

  static Rule rule(int index, Action action, AddressSet addresses, PortSet tcp, Set<Profile> profiles) {
    return new Rule(index, action, addresses, tcp, PortSet.empty(), profiles, SourceSpan.at("p.rpcwall", index + 3, 1, 5), "rule " + index);
  }

  static Policy policy(Action def, RpcSettings rpc, Rule... rules) {
    return new Policy("p", SourceSpan.at("p.rpcwall", 1, 1, 1), Optional.empty(), SourceSpan.UNKNOWN,
        List.of(rules), def, SourceSpan.UNKNOWN, rpc, "p.rpcwall");
  }

  @Test
  void decide_designExample_adminsAllowedRestBlockedOtherPortsUnmanaged() {
    PortSet rpc = PortSet.of(List.of(PortRange.of(135), PortRange.of(5001, 5021)));
    Rule allow = rule(0, Action.ALLOW, net("10.1.1.0/24"), rpc, ALL);
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, allow));

    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.1.1.7")))
        .isEqualTo(new Explanation(Decision.ALLOW, Optional.of(allow), Reason.RULE));
    assertThat(map.decide(Profile.PUBLIC, Protocol.TCP, 5021, ip("10.1.2.0")))
        .isEqualTo(new Explanation(Decision.BLOCK, Optional.empty(), Reason.DEFAULT));
    assertThat(map.decide(Profile.PUBLIC, Protocol.TCP, 5022, ip("10.1.1.7")).reason()).isEqualTo(Reason.UNMANAGED);
    assertThat(map.decide(Profile.PUBLIC, Protocol.UDP, 135, ip("10.1.1.7")).decision()).isEqualTo(Decision.UNMANAGED);
    assertThat(map.managedPorts(Protocol.TCP)).isEqualTo(rpc);
    assertThat(map.managedPorts(Protocol.UDP).isEmpty()).isTrue();

    List<PortSlice> slices = map.slices(Profile.DOMAIN, Protocol.TCP);
    assertThat(slices).extracting(PortSlice::ports).extracting(PortRange::toString)
        .containsExactly("0-134", "135", "136-5000", "5001-5021", "5022-65535");
    assertThat(slices.get(1).allowed()).isEqualTo(net("10.1.1.0/24"));
    assertThat(slices.get(1).blocked()).isEqualTo(net("10.1.1.0/24").complement());
    assertThat(slices.get(1).regions()).hasSize(4); // below, admins, above (IPv4), all IPv6
    assertThat(map.decidingRules().get(0)).isTrue();
  }

  @Test
  void regions_compactForm_sameAsRecordsAndPortSliceReadsAgree() {
    Rule block = rule(0, Action.BLOCK, net("10.1.1.7", "2001:db8::/64"), PortSet.of(135), ALL);
    Rule allow = rule(1, Action.ALLOW, net("10.0.0.0/8", "255.255.255.255", "::"), PortSet.of(135), ALL);
    Rule allow2 = rule(2, Action.ALLOW, net("0.0.0.0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), PortSet.of(135), ALL);
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, block, allow, allow2));
    PortSlice slice = map.sliceOf(Profile.DOMAIN, Protocol.TCP, 135);

    // A record copy of the regions: PortSlice keeps records as they are, so both paths are compared.
    List<AddressRegion> records = new ArrayList<>(slice.regions());
    PortSlice copy = new PortSlice(slice.ports(), true, records);
    assertThat(slice.regions()).isEqualTo(copy.regions());
    assertThat(records).extracting(r -> r.range().toString()).containsExactly(
        "0.0.0.0", "0.0.0.1-9.255.255.255", "10.0.0.0-10.1.1.6", "10.1.1.7", "10.1.1.8-10.255.255.255",
        "11.0.0.0-255.255.255.254", "255.255.255.255",
        "::", "::1-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::-2001:db8::ffff:ffff:ffff:ffff",
        "2001:db8:0:1::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assertThat(records).extracting(r -> r.rule().map(Rule::index).orElse(-1))
        .containsExactly(2, -1, 1, 0, 1, -1, 1, 1, -1, 0, -1, 2);
    assertThat(slice.allowed()).isEqualTo(copy.allowed());
    assertThat(slice.blocked()).isEqualTo(copy.blocked());
    for (AddressRegion r : records) {
      for (Ip probe : List.of(r.range().first(), r.range().last())) {
        assertThat(slice.regionOf(probe)).isEqualTo(r);
        assertThat(copy.regionOf(probe)).isEqualTo(r);
      }
    }
    assertThat(slice.firstRule(Decision.ALLOW)).contains(allow);
    assertThat(copy.firstRule(Decision.ALLOW)).contains(allow);
    assertThat(slice.firstRule(Decision.BLOCK)).contains(block);
    assertThat(copy.firstRule(Decision.BLOCK)).contains(block);
  }

  @Test
  void firstRule_onlyDefaultDecides_empty() {
    Rule allow = rule(0, Action.ALLOW, net("10.1.1.0/24"), PortSet.of(135), ALL);
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, allow));
    PortSlice slice = map.sliceOf(Profile.DOMAIN, Protocol.TCP, 135);
    assertThat(slice.firstRule(Decision.BLOCK)).isEmpty();
    assertThat(slice.firstRule(Decision.ALLOW)).contains(allow);
    assertThat(map.sliceOf(Profile.DOMAIN, Protocol.TCP, 136).firstRule(Decision.ALLOW)).isEmpty();
  }

  @Test
  void decide_firstMatchWins_laterBroaderRuleOnlyRest() {
    Rule block = rule(0, Action.BLOCK, net("10.1.1.7"), PortSet.of(135), ALL);
    Rule allow = rule(1, Action.ALLOW, net("10.0.0.0/8"), PortSet.of(135), ALL);
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, block, allow));
    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.1.1.7")).rule()).contains(block);
    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("10.1.1.8")).rule()).contains(allow);
    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 135, ip("11.0.0.0")).reason()).isEqualTo(Reason.DEFAULT);
  }

  @Test
  void decide_ruleInOtherProfile_stillManagesItsPorts() {
    Rule allow = rule(0, Action.ALLOW, AddressSet.all(), PortSet.of(445), EnumSet.of(Profile.DOMAIN));
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, allow));
    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 445, ip("::1")).decision()).isEqualTo(Decision.ALLOW);
    assertThat(map.decide(Profile.PUBLIC, Protocol.TCP, 445, ip("::1")))
        .isEqualTo(new Explanation(Decision.BLOCK, Optional.empty(), Reason.DEFAULT));
  }

  @Test
  void decidingRules_shadowedRule_isMissing() {
    Rule broad = rule(0, Action.ALLOW, net("10.0.0.0/8"), PortSet.of(100, 200), ALL);
    Rule shadowed = rule(1, Action.BLOCK, net("10.1.0.0/16"), PortSet.of(150), ALL);
    Rule live = rule(2, Action.BLOCK, net("10.1.0.0/16"), PortSet.of(201), ALL);
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, broad, shadowed, live));
    assertThat(map.decidingRules().stream().boxed().toList()).containsExactly(0, 2);
  }

  @Test
  void of_hundredThousandRulesOfOneNetwork_isCorrect() {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      long base = 0x0A00_0000L + 256L * i;
      rules.add(rule(i, i % 2 == 0 ? Action.ALLOW : Action.BLOCK,
          AddressSet.cidr(Ip.v4(base), 24), PortSet.of(135), ALL));
    }
    Policy policy = policy(Action.BLOCK, RpcSettings.NONE, rules.toArray(new Rule[0]));
    DecisionMap map = DecisionMap.of(policy);
    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 135, Ip.v4(0x0A00_0000L + 256L * 4 + 9)).rule().get().index())
        .isEqualTo(4);
    assertThat(map.decide(Profile.DOMAIN, Protocol.TCP, 135, Ip.v4(0x0A00_0000L + 256L * 5)).decision())
        .isEqualTo(Decision.BLOCK);
    assertThat(map.decidingRules().cardinality()).isEqualTo(100_000);
  }

  @Test
  void of_oneRuleWithHundredThousandNetworks_isCorrect() {
    List<IpRange> ranges = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      long base = 0x0A00_0000L + 512L * i;
      ranges.add(new IpRange(Ip.v4(base), Ip.v4(base + 255)));
      ranges.add(new IpRange(Ip.v6(0x2001_0db8_0000_0000L + i, 0), Ip.v6(0x2001_0db8_0000_0000L + i, 0xFFFF)));
    }
    AddressSet nets = AddressSet.of(ranges);
    Rule allow = rule(0, Action.ALLOW, nets, PortSet.of(List.of(PortRange.of(135), PortRange.of(5001, 5021))), ALL);
    DecisionMap map = DecisionMap.of(policy(Action.BLOCK, RpcSettings.NONE, allow));
    PortSlice slice = map.sliceOf(Profile.PRIVATE, Protocol.TCP, 5010);
    assertThat(slice.allowed().equals(nets)).isTrue();
    // per family: the gap below the first network, 100,000 networks, the gaps between and above
    assertThat(slice.regions().size()).isEqualTo(2 * (1 + 100_000 + 99_999 + 1));
  }
}
