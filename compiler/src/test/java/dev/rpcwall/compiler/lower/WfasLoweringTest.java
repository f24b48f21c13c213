package dev.rpcwall.compiler.lower;

import static dev.rpcwall.compiler.model.Rules.ip;
import static dev.rpcwall.compiler.model.Rules.net;
import static dev.rpcwall.compiler.model.Rules.ports;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WfasLoweringTest {
  private static final String P = "rpcwall/" + Slug.of("p") + "/";
  private static final String KB = "rpcwall/" + Slug.of("Block RPC Ports") + "/";

  private static final AddressSet ADMINS = net("10.1.1.0/24");
  private static final PortSet RPC = ports("135,5001-5021");

  private static WfasRuleSet lower(Policy policy) {
    return WfasLowering.lower(DecisionMap.of(policy), LoweringOptions.defaults());
  }

  private static Policy kb() {
    return Policies.named("Block RPC Ports")
        .allow(ADMINS, RPC, PortSet.empty())
        .block(AddressSet.all(), RPC, PortSet.empty())
        .build();
  }

  @Test
  void lower_kbScenario_adminsStayAllowedAndTheRestIsBlockedByRules() {
    WfasRuleSet rules = lower(kb());

    assertThat(rules.rules()).extracting(WfasRule::id)
        .containsExactly(
            KB + "allow-tcp-135,5001-5021",
            KB + "block-tcp-135,5001-5021");
    WfasRule allow = rules.rules().get(0);
    WfasRule block = rules.rules().get(1);
    assertThat(allow.remoteAddresses()).isEqualTo(AddressCondition.of(ADMINS));
    assertThat(block.remoteAddresses())
        .isEqualTo(AddressCondition.of(ADMINS.complement().minus(AddressLimits.UNLISTABLE)));
    assertThat(block.action()).isEqualTo(RuleAction.BLOCK);
    assertThat(allow.profiles()).isEmpty();
    assertThat(allow.group()).contains(RuleNames.group("Block RPC Ports"));
    assertThat(allow.displayName()).isEqualTo(allow.id());
    assertThat(allow.origin().line()).isEqualTo(2);
    assertThat(block.origin().line()).isEqualTo(3);

    WfasEvaluator eval = WfasEvaluator.of(rules);
    for (Profile profile : Profile.values()) {
      for (int port : new int[] {135, 5001, 5021}) {
        assertThat(eval.decide(profile, Protocol.TCP, port, ip("10.1.1.7")).decision())
            .isEqualTo(Decision.ALLOW);
        assertThat(eval.decide(profile, Protocol.TCP, port, ip("10.1.2.7")).decision())
            .isEqualTo(Decision.BLOCK);
        assertThat(eval.decide(profile, Protocol.TCP, port, ip("2001:db8::1")).decision())
            .isEqualTo(Decision.BLOCK);
      }
    }
  }

  @Test
  void lower_blockAllButAdmins_listsNeitherLoopbackNorUnspecified() {
    WfasRule block = lower(kb()).rules().get(1);
    AddressSet listed = block.remoteAddresses().addresses();
    assertThat(entries(listed))
        .doesNotContain("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        .contains("0.0.0.0-10.1.0.255", "10.1.2.0-126.255.255.255",
            "128.0.0.0/1", "::2-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    for (String loop : new String[] {"::", "::1", "127.0.0.0", "127.0.0.1", "127.255.255.255"}) {
      assertThat(listed.contains(ip(loop))).as(loop).isFalse();
    }
    assertThat(AddressLimits.violation(listed)).isEmpty();
  }

  @Test
  void lower_ruleOnlyAboutLoopback_emitsNoRule_andBlockAllIsAny() {
    Policy onlyLoopback =
        Policies.named("p")
            .block(net("127.0.0.0/8").union(net("::1")), RPC, PortSet.empty())
            .allow(AddressSet.all(), RPC, PortSet.empty())
            .build();
    WfasRuleSet rules = lower(onlyLoopback);
    assertThat(rules.rules()).extracting(WfasRule::action).containsOnly(RuleAction.ALLOW);
    assertThat(rules.rules().get(0).remoteAddresses()).isEqualTo(AddressCondition.ANY);

    Policy allButLoopback =
        Policies.named("p")
            .allow(net("::1"), RPC, PortSet.empty())
            .block(AddressSet.all(), RPC, PortSet.empty())
            .build();
    WfasRuleSet blocks = lower(allButLoopback);
    assertThat(blocks.rules()).extracting(WfasRule::action).containsOnly(RuleAction.BLOCK);
    assertThat(blocks.rules().get(0).remoteAddresses()).isEqualTo(AddressCondition.ANY);
  }

  @Test
  void lower_unmanagedPorts_getNoRule() {
    WfasRuleSet rules = lower(kb());

    for (WfasRule r : rules.rules()) {
      assertThat(r.protocol()).isEqualTo(6);
      assertThat(r.localPorts().ports()).isEqualTo(RPC);
    }
  }

  @Test
  void lower_defaultBlockOnly_blocksWithExplicitRulesNotTheDefault() {
    Policy policy = Policies.named("p").allow(ADMINS, ports("445"), PortSet.empty()).build();

    WfasRuleSet rules = lower(policy);

    assertThat(rules.rules()).extracting(WfasRule::id)
        .containsExactly(P + "allow-tcp-445", P + "block-tcp-445");
    assertThat(rules.rules().get(1).description()).contains("Blocked by default block");
  }

  /**
   * Issue 12 point 4: a lowered rule's description names exactly the policy rules (and the
   * default) that {@code explain} names for the flows the lowered rule matches: sampled at every
   * region of the decision map that meets the rule, in every profile and at both ends of every
   * port range of the rule. "block workstations to wmi" once described a Block rule whose
   * addresses explain mostly attributes to the default.
   */
  @Test
  void lower_descriptions_nameExactlyTheRulesExplainNamesForTheirFlows() {
    AddressSet workstations = net("10.2.0.0/16");
    List<Policy> policies = List.of(
        Policies.named("p").allow(ADMINS, ports("135"), PortSet.empty())
            .block(workstations, ports("135"), PortSet.empty()).build(),
        Policies.named("p").allow(ADMINS, RPC, PortSet.empty())
            .block(workstations, ports("135,445"), PortSet.empty())
            .block(net("192.168.0.0/16"), ports("445"), PortSet.empty(), Profile.PUBLIC)
            .defaultAction(Action.ALLOW).build(),
        kb());
    for (Policy policy : policies) {
      DecisionMap map = DecisionMap.of(policy);
      WfasRuleSet rules = WfasLowering.lower(map, LoweringOptions.defaults());
      for (WfasRule rule : rules.rules()) {
        String description = rule.description().orElseThrow();
        String prefix = rule.action() == RuleAction.ALLOW ? "Allowed by " : "Blocked by ";
        assertThat(description).startsWith(prefix);
        java.util.Set<String> named = new java.util.TreeSet<>(
            List.of(description.substring(prefix.length()).split("; ")));
        java.util.Set<String> explained = new java.util.TreeSet<>();
        Protocol protocol = rule.protocol() == 6 ? Protocol.TCP : Protocol.UDP;
        List<IpRange> addresses = rule.remoteAddresses().any()
            ? AddressSet.all().ranges() : rule.remoteAddresses().addresses().ranges();
        for (Profile profile : rule.profiles().isEmpty() ? List.of(Profile.values()) : List.copyOf(rule.profiles())) {
          for (var portRange : rule.localPorts().ports().ranges()) {
            for (int port : List.of(portRange.first(), portRange.last())) {
              for (var region : map.sliceOf(profile, protocol, port).regions()) {
                for (IpRange a : addresses) {
                  Ip from = region.range().first().compareTo(a.first()) > 0 ? region.range().first() : a.first();
                  Ip to = region.range().last().compareTo(a.last()) < 0 ? region.range().last() : a.last();
                  if (from.compareTo(to) > 0) {
                    continue;
                  }
                  var e = map.decide(profile, protocol, port, from);
                  assertThat(e.decision()).isEqualTo(
                      rule.action() == RuleAction.ALLOW ? Decision.ALLOW : Decision.BLOCK);
                  explained.add(e.rule()
                      .map(r -> r.text() + " (line " + r.origin().line() + ")")
                      .orElse("default " + policy.defaultAction().keyword()));
                }
              }
            }
          }
        }
        assertThat(named).as("%s: %s", rule.id(), description).isEqualTo(explained);
      }
    }
  }

  @Test
  void lower_allowEverything_usesAnyAddress() {
    Policy policy = Policies.named("p").allow(AddressSet.all(), PortSet.empty(), ports("53")).build();

    WfasRuleSet rules = lower(policy);

    assertThat(rules.rules()).hasSize(1);
    assertThat(rules.rules().get(0).remoteAddresses()).isEqualTo(AddressCondition.ANY);
    assertThat(rules.rules().get(0).id()).isEqualTo(P + "allow-udp-53");
  }

  @Test
  void lower_profilesDecidingAlike_shareOneRule() {
    Policy policy =
        Policies.named("p")
            .allow(ADMINS, ports("135"), PortSet.empty(), Profile.DOMAIN, Profile.PRIVATE)
            .allow(ADMINS, ports("3389"), PortSet.empty(), Profile.DOMAIN)
            .build();

    WfasRuleSet rules = lower(policy);

    assertThat(rules.rules()).extracting(WfasRule::id)
        .containsExactly(
            P + "allow-tcp-135/domain,private",
            P + "block-tcp-135/domain,private",
            P + "block-tcp-135/public",
            P + "allow-tcp-3389/domain",
            P + "block-tcp-3389/domain",
            P + "block-tcp-3389/private,public");
  }

  @Test
  void lower_manyNetworks_splitsAtTheEntryLimitIntoNamedParts() {
    List<IpRange> hosts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Ip a = Ip.v4(0x0A000000L + 2L * i);
      hosts.add(new IpRange(a, a));
    }
    Policy policy =
        Policies.named("p").allow(AddressSet.of(hosts), ports("135"), PortSet.empty()).build();

    WfasRuleSet rules =
        WfasLowering.lower(DecisionMap.of(policy), LoweringOptions.defaults().withMaxAddressEntries(10));

    List<WfasRule> allows =
        rules.rules().stream().filter(r -> r.action() == RuleAction.ALLOW).toList();
    assertThat(allows).extracting(WfasRule::id)
        .containsExactly(
            P + "allow-tcp-135/part-1",
            P + "allow-tcp-135/part-2",
            P + "allow-tcp-135/part-3");
    assertThat(allows).extracting(r -> r.remoteAddresses().addresses().rangeCount())
        .containsExactly(10, 10, 5);
    AddressSet union = AddressSet.empty();
    for (WfasRule r : allows) {
      union = union.union(r.remoteAddresses().addresses());
    }
    assertThat(union).isEqualTo(AddressSet.of(hosts));
  }

  @Test
  void lower_defaults_areWindowsLimitsOnlyNoLineLength() {
    // Target-neutral defaults: 1000 entries per list (MS-FASP), no character limit; cmd.exe's
    // line length is netsh's (emitters' NetshLimits), not the lowering's.
    Policy policy =
        Policies.named("p").allow(Policies.v6Hosts(1500), ports("135"), PortSet.empty()).build();

    WfasRuleSet rules = WfasLowering.lower(DecisionMap.of(policy));

    assertThat(LoweringOptions.defaults().maxAddressEntries()).isEqualTo(AddressLimits.MAX_ENTRIES);
    assertThat(rules.rules().stream().filter(r -> r.action() == RuleAction.ALLOW)
            .map(r -> r.remoteAddresses().addresses().rangeCount()))
        .containsExactly(1000, 500);
  }

  @Test
  void lower_longAddressText_splitsAtTheCharacterLimit() {
    Policy policy =
        Policies.named("p").block(Policies.v6Hosts(40), ports("135"), PortSet.empty())
            .allow(AddressSet.all(), ports("135"), PortSet.empty()).build();
    LoweringOptions opts = LoweringOptions.defaults().withMaxAddressChars(200);

    WfasRuleSet rules = WfasLowering.lower(DecisionMap.of(policy), opts);

    for (WfasRule r : rules.rules()) {
      if (!r.remoteAddresses().any()) {
        String text = String.join(",", entries(r.remoteAddresses().addresses()));
        assertThat(text.length()).isLessThanOrEqualTo(200);
      }
    }
    assertThat(rules.rules().stream().filter(r -> r.action() == RuleAction.BLOCK).count())
        .isGreaterThan(1);
  }

  @Test
  void lower_twice_givesEqualRuleSets() {
    assertThat(lower(kb())).isEqualTo(lower(kb()));
  }

  @Test
  void lower_unrelatedChange_keepsOtherRuleNames() {
    Policy before =
        Policies.named("p")
            .allow(ADMINS, ports("135"), PortSet.empty())
            .allow(ADMINS, PortSet.empty(), ports("53"))
            .build();
    Policy after =
        Policies.named("p")
            .allow(ADMINS, ports("135"), PortSet.empty())
            .allow(net("10.9.0.0/16"), PortSet.empty(), ports("53"))
            .build();

    List<String> tcpBefore = names(lower(before), 6);
    List<String> tcpAfter = names(lower(after), 6);

    assertThat(tcpAfter).isEqualTo(tcpBefore);
    assertThat(lower(after).rules().stream().filter(r -> r.protocol() == 6))
        .containsExactlyElementsOf(lower(before).rules().stream().filter(r -> r.protocol() == 6).toList());
  }

  @Test
  void lower_namesAreUniqueAndPipeFree_andCarryThePolicyPrefix() {
    Policy policy =
        Policies.named("Ops | Servers")
            .allow(ADMINS, ports("135,445"), ports("53"), Profile.DOMAIN)
            .block(net("10.0.0.0/8"), ports("1-1000"), PortSet.empty())
            .allow(net("2001:db8::/32"), ports("80"), ports("80"))
            .defaultAction(Action.ALLOW)
            .build();

    WfasRuleSet rules = lower(policy);

    assertThat(rules.rules()).extracting(WfasRule::id).doesNotHaveDuplicates()
        .allSatisfy(id -> {
          assertThat(id).startsWith("rpcwall/" + Slug.of("Ops | Servers") + "/").doesNotContain("|");
        });
  }

  @Test
  void lower_manyPortRanges_keepsNamesShortAndStable() {
    List<dev.rpcwall.compiler.semantics.PortRange> many = new ArrayList<>();
    for (int p = 1000; p < 1100; p += 2) {
      many.add(dev.rpcwall.compiler.semantics.PortRange.of(p));
    }
    Policy policy = Policies.named("p").allow(ADMINS, PortSet.of(many), PortSet.empty()).build();

    WfasRuleSet once = lower(policy);

    assertThat(once.rules()).extracting(WfasRule::id)
        .allSatisfy(id -> assertThat(id.length()).isLessThan(80));
    assertThat(once.rules().get(0).id()).startsWith(P + "allow-tcp-1000-1098-");
    assertThat(lower(policy)).isEqualTo(once);
  }

  @Test
  void addressText_entries_useCidrsRangesAndWholeFamilyRanges() {
    AddressSet set =
        net("10.1.1.0/24")
            .union(AddressSet.of(new IpRange(ip("10.2.0.1"), ip("10.2.0.9"))))
            .union(net("192.168.5.10"))
            .union(AddressSet.all(IpFamily.IPV6));

    assertThat(entries(set))
        .containsExactly(
            "10.1.1.0/24",
            "10.2.0.1-10.2.0.9",
            "192.168.5.10",
            "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
  }

  private static List<String> names(WfasRuleSet rules, int protocol) {
    return rules.rules().stream().filter(r -> r.protocol() == protocol).map(WfasRule::id).toList();
  }

  /** The entries of a list in the model's form (AddressLimits.Entry#of), as the targets write them. */
  private static List<String> entries(AddressSet set) {
    return set.ranges().stream().map(r -> AddressLimits.Entry.of(r).toString()).toList();
  }
}
