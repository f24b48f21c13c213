package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostIpsecFilter;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStates;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecEvaluator;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.testing.VerifyOracle;
import dev.rpcwall.compiler.verify.HostVerification;
import dev.rpcwall.compiler.verify.HostVerification.Model;
import dev.rpcwall.compiler.verify.HostVerification.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * {@code verify(policy, emit(policy))} for every target, read with the target's strict reader:
 * equal for random policies; mutations of the emitted rule sets are found with their exact
 * counterexample region (issue 8 point 5).
 */
class VerifyEmittedTest {
  private static final List<Target<ScriptInput, WfasRuleSet>> WFAS =
      List.copyOf(Targets.wfas().values());
  private static final List<Target<IpsecScriptInput, IpsecStore>> IPSEC =
      List.copyOf(Targets.ipsec().values());

  static Report verify(DecisionMap map, HostState host, Model model, boolean unmanaged) {
    return HostVerification.verify(map, new EffectiveHost(host), model, Optional.empty(), unmanaged);
  }

  static HostState hostOf(RoundTrip rt) {
    HostState host = new HostState();
    HostStates.apply(rt.readBack(), SourceSpan.at(rt.apply().name(), 1, 1, 0), host);
    return host;
  }

  @Test
  void verify_randomPolicyAgainstItsOwnNetshAndPowerShellScripts_isEqual() {
    Seeded.check(
        qt ->
            qt.withExamples(40)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      for (Target<ScriptInput, WfasRuleSet> target : WFAS) {
                        RoundTrip rt = RoundTrip.of(target, policy);
                        Report report = verify(rt.map(), hostOf(rt), Model.WFAS, true);
                        assertThat(report.differences()).as("%s", target.id()).isEmpty();
                        assertThat(report.notEnoughInformation()).as("%s", target.id()).isEmpty();
                        // The scripts touch nothing outside the managed space.
                        assertThat(report.unmanaged()).as("%s", target.id()).isEmpty();
                        assertThat(report.equal()).isTrue();
                      }
                    }));
  }

  @Test
  void verify_randomPolicyAgainstItsOwnLegacyIpsecScripts_isEqual() {
    Seeded.check(
        qt ->
            qt.withExamples(8)
                .forAll(RandomPolicies.policies().map(VerifyEmittedTest::ipsecExpressible))
                .checkAssert(
                    policy -> {
                      DecisionMap map = DecisionMap.of(policy);
                      IpsecScriptInput in = ipsecInput(map);
                      for (Target<IpsecScriptInput, IpsecStore> target : IPSEC) {
                        EmittedFile apply = target.emitter().emit(in).get(0);
                        Result<IpsecStore> read = target.reader().read(
                            new SourceFile(apply.name(), RoundTrip.decode(apply)));
                        assertThat(read.hasErrors()).as("%s: %s", target.id(), read.diagnostics())
                            .isFalse();
                        HostState host = new HostState();
                        HostStates.apply(read.orElseThrow(), SourceSpan.at(apply.name(), 1, 1, 0),
                            host);
                        assertThat(HostVerification.defaultModel(new EffectiveHost(host)))
                            .isEqualTo(host.ipsecFilters().isEmpty() ? Model.WFAS : Model.IPSEC);
                        Report report = verify(map, host, Model.IPSEC, false);
                        assertThat(report.differences()).as("%s\n%s", target.id(),
                            RandomPolicies.describe(policy)).isEmpty();
                        assertThat(report.equal()).isTrue();
                        // And the same filters with one dropped are found.
                        if (!host.ipsecFilters().isEmpty()) {
                          host.ipsecFilters().remove(0);
                          assertThat(verify(map, host, Model.IPSEC, false).equal())
                              .as("%s: a dropped filter", target.id()).isFalse();
                        }
                      }
                    }));
  }

  /**
   * The legacy IPsec model against a point evaluator: a random policy's filters with one dropped
   * or one random filter added (PASS, BLOCK or NEGOTIATE, a host or /24, one port near the
   * policy's); at every port of the policy's port windows and 5 around them, both protocols, every
   * profile and every boundary address +-1, a point is in a difference exactly when the IPsec
   * evaluator's verdict there is not the policy's decision.
   */
  @Test
  void ipsecModel_mutatedFilters_differencesAreExactlyTheDisagreement() {
    Seeded.check(
        qt ->
            qt.withExamples(20)
                .forAll(RandomPolicies.policies().map(VerifyEmittedTest::ipsecExpressible),
                    SourceDSL.longs().all())
                .checkAssert(
                    (policy, seed) -> {
                      Random random = new Random(seed);
                      DecisionMap map = DecisionMap.of(policy);
                      List<IpsecFilter> filters = new ArrayList<>(ipsecInput(map).filters());
                      if (!filters.isEmpty() && random.nextBoolean()) {
                        filters.remove(random.nextInt(filters.size()));
                      } else {
                        long base = (10L << 24) | ((long) random.nextInt(1 << 16) << 8);
                        IpsecAddress from = random.nextBoolean()
                            ? IpsecAddress.host(base | random.nextInt(256))
                            : IpsecAddress.prefix(base, 24);
                        int[] near = {135, 445, 5001, 5021, 5022, 129};
                        filters.add(IpsecFilter.inbound(from, random.nextBoolean() ? 6 : 17,
                            near[random.nextInt(near.length)],
                            IpsecAction.values()[random.nextInt(IpsecAction.values().length)]));
                      }
                      HostState host = new HostState();
                      for (IpsecFilter f : filters) {
                        host.ipsecFilters().add(new HostIpsecFilter(f, SourceSpan.at("f.cmd", 1, 1, 1)));
                      }
                      Report report = verify(map, host, Model.IPSEC, false);
                      ipsecPointwise(policy, filters, report);
                    }));
  }

  private static void ipsecPointwise(Policy policy, List<IpsecFilter> filters, Report report) {
    IpsecEvaluator evaluator = IpsecEvaluator.of(filters);
    List<AddressSet> sets = new ArrayList<>();
    policy.rules().forEach(r -> sets.add(r.addresses()));
    report.differences().forEach(d -> sets.add(d.addresses()));
    for (IpsecFilter f : filters) {
      if (f.source().kind() == IpsecAddress.Kind.MASKED) {
        long first = f.source().address() & f.source().mask();
        long last = first | (~f.source().mask() & 0xFFFF_FFFFL);
        sets.add(AddressSet.of(new dev.rpcwall.compiler.semantics.IpRange(
            dev.rpcwall.compiler.semantics.Ip.v4(first), dev.rpcwall.compiler.semantics.Ip.v4(last))));
      }
    }
    List<dev.rpcwall.compiler.semantics.Ip> points =
        dev.rpcwall.compiler.testing.Boundaries.of(sets);
    java.util.TreeSet<Integer> ports = new java.util.TreeSet<>();
    for (int[] w : new int[][] {{125, 145}, {435, 455}, {4995, 5027}}) {
      for (int p = w[0]; p <= w[1]; p++) {
        ports.add(p);
      }
    }
    ports.add(0);
    ports.add(65535);
    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        for (int port : ports) {
          for (dev.rpcwall.compiler.semantics.Ip ip : points) {
            if (ip.family() != IpFamily.IPV4 || !AddressLimits.FILTERED.contains(ip)) {
              continue;
            }
            dev.rpcwall.compiler.semantics.Decision expected =
                dev.rpcwall.compiler.testing.ReferenceEvaluator.decide(policy, profile, protocol,
                    port, ip).decision();
            if (expected == dev.rpcwall.compiler.semantics.Decision.UNMANAGED) {
              continue;
            }
            IpsecVerdict v = evaluator.decide(ip.lo(), protocol.number(), port).verdict();
            String actual = v.passes() ? "allow" : v.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-');
            List<String> at = new ArrayList<>();
            for (var d : report.differences()) {
              if (d.protocol() == protocol && d.profiles().contains(profile)
                  && d.ports().contains(port) && d.addresses().contains(ip)) {
                at.add(d.host().decision() + "/" + d.policy().decision().keyword());
              }
            }
            String where = profile.keyword() + " " + protocol.keyword() + "/" + port + " " + ip;
            if (actual.equals(expected.keyword())) {
              assertThat(at).as("no difference at %s", where).isEmpty();
            } else {
              assertThat(at).as("the difference at %s", where)
                  .containsExactly(actual + "/" + expected.keyword());
            }
          }
        }
      }
    }
  }

  /**
   * Random mutations of the rule set a netsh or PowerShell script leaves (drop a rule, widen or
   * narrow an address list, change ports, disable a rule, add an allow-any rule, change a
   * profile default or state): the counterexamples are exactly the points where the mutated host
   * and the policy disagree (VerifyOracle, seed printed).
   */
  @Test
  void mutatedScripts_counterexamplesAreExactlyTheDisagreement() {
    Seeded.check(
        qt ->
            qt.withExamples(30)
                .forAll(RandomPolicies.policies(), SourceDSL.longs().all())
                .checkAssert(
                    (policy, seed) -> {
                      Random random = new Random(seed);
                      Target<ScriptInput, WfasRuleSet> target = WFAS.get(random.nextInt(WFAS.size()));
                      HostState host = hostOf(RoundTrip.of(target, policy));
                      mutate(host, random);
                      VerifyOracle.check(policy, host);
                    }));
  }

  private static void mutate(HostState host, Random random) {
    List<HostRule> rules = host.rules();
    int what = random.nextInt(7);
    SourceSpan at = SourceSpan.at("mutation.cmd", 1, 1, 1);
    if (rules.isEmpty() || what == 4) {
      host.addRule(new HostRule(allowAny("Allow any", at), HostStore.LOCAL));
      return;
    }
    int i = random.nextInt(rules.size());
    WfasRule r = rules.get(i).rule();
    switch (what) {
      case 0 -> rules.remove(i);
      case 1 -> rules.set(i, new HostRule(withRemote(r, AddressCondition.of(
          r.remoteAddresses().any() ? AddressSet.all() : widen(r.remoteAddresses().addresses()))),
          HostStore.LOCAL));
      case 2 -> rules.set(i, new HostRule(withPorts(r, PortCondition.of(
          r.localPorts().any() ? PortSet.of(135) : shift(r.localPorts().ports()))), HostStore.LOCAL));
      case 3 -> rules.set(i, new HostRule(disabled(r), HostStore.LOCAL));
      case 5 -> host.setDefaultInbound(Profile.values()[random.nextInt(3)],
          new ProfileSetting<>(Action.ALLOW, at));
      default -> host.setProfileState(Profile.values()[random.nextInt(3)],
          new ProfileSetting<>(ProfileState.values()[random.nextInt(ProfileState.values().length)],
              at));
    }
  }

  /** Each range one address wider at both ends (where there is room). */
  private static AddressSet widen(AddressSet set) {
    List<dev.rpcwall.compiler.semantics.IpRange> out = new ArrayList<>();
    for (dev.rpcwall.compiler.semantics.IpRange r : set.ranges()) {
      out.add(new dev.rpcwall.compiler.semantics.IpRange(
          r.first().isMin() ? r.first() : r.first().previous(),
          r.last().isMax() ? r.last() : r.last().next()));
    }
    return AddressSet.of(out);
  }

  /** Each range's last port one further (or one back at 65535). */
  private static PortSet shift(PortSet ports) {
    List<dev.rpcwall.compiler.semantics.PortRange> out = new ArrayList<>();
    for (dev.rpcwall.compiler.semantics.PortRange r : ports.ranges()) {
      out.add(r.last() < 65535
          ? dev.rpcwall.compiler.semantics.PortRange.of(r.first(), r.last() + 1)
          : dev.rpcwall.compiler.semantics.PortRange.of(Math.min(r.first() + 1, 65535), 65535));
    }
    return PortSet.of(out);
  }

  // The exact regions on one policy, for each mutation
  // ==================================================

  static final String POLICY =
      "policy \"mutations\"\n"
          + "network admins = 10.1.1.0/24\n"
          + "network attackers = 10.9.0.0/16\n"
          + "block attackers to tcp 135, 5001-5021\n"
          + "allow admins to tcp 135, 5001-5021\n"
          + "allow 192.168.0.0/16 to tcp 135, 5001-5021\n"
          + "default block\n";

  static final AddressSet ADMINS = net("10.1.1.0/24");
  static final AddressSet ATTACKERS = net("10.9.0.0/16");
  static final AddressSet LAN = net("192.168.0.0/16");
  static final PortSet PORTS = PortSet.of(135).union(PortSet.of(5001, 5021));

  static DecisionMap policyMap() {
    return Compiler.analyze(p -> Optional.of(POLICY.getBytes(StandardCharsets.UTF_8)), "p.rpcwall")
        .decisionMap()
        .orElseThrow();
  }

  private static HostState emitted(Target<ScriptInput, WfasRuleSet> target) {
    return hostOf(RoundTrip.of(target, policyMap().policy()));
  }

  private static int find(HostState host, RuleAction action, AddressSet touching) {
    for (int i = 0; i < host.rules().size(); i++) {
      WfasRule r = host.rules().get(i).rule();
      if (r.action() == action && r.remoteAddresses().addresses().intersects(touching)) {
        return i;
      }
    }
    throw new AssertionError("no " + action + " rule touching " + touching);
  }

  private static String at(WfasRule r) {
    return "\"" + r.displayName() + "\" " + r.origin().source() + ":" + r.origin().line();
  }

  @Test
  void mutation_dropTheBlockRule_onAHostWithDefaultAllow_reopensTheAttackers() {
    for (Target<ScriptInput, WfasRuleSet> target : WFAS) {
      HostState host = emitted(target);
      for (Profile p : Profile.values()) {
        host.setDefaultInbound(p, new ProfileSetting<>(Action.ALLOW, SourceSpan.at("gpo.cmd", 2, 1, 1)));
      }
      assertThat(verify(policyMap(), host, Model.WFAS, false).equal()).as("%s", target.id()).isTrue();
      host.rules().remove(find(host, RuleAction.BLOCK, ATTACKERS));
      Report report = verify(policyMap(), host, Model.WFAS, false);
      // The policy's default-blocked addresses lose their Block rule too: the host's default Allow
      // decides them now. The attackers' region is traced to the policy's first rule.
      assertThat(report.differences()).anySatisfy(d -> {
        assertThat(d.addresses()).isEqualTo(ATTACKERS);
        assertThat(d.ports()).isEqualTo(PORTS);
        assertThat(d.protocol()).isEqualTo(Protocol.TCP);
        assertThat(d.profiles()).containsExactlyInAnyOrder(Profile.values());
        assertThat(d.describe(Model.WFAS)).isEqualTo("10.9.0.0-10.9.255.255 tcp/135,5001-5021"
            + " domain,private,public: policy block, host allow — allowed by default inbound allow"
            + " gpo.cmd:2; no Block rule matches; policy rule p.rpcwall:4:1");
      });
      AddressSet all = AddressSet.empty();
      for (var d : report.differences()) {
        all = all.union(d.addresses());
      }
      assertThat(all).isEqualTo(AddressLimits.FILTERED.minus(ADMINS).minus(LAN));
    }
  }

  @Test
  void mutation_widenTheAdminsAllowRule_isFoundAtTheWidenedAddressesOnly() {
    for (Target<ScriptInput, WfasRuleSet> target : WFAS) {
      HostState host = emitted(target);
      int i = find(host, RuleAction.ALLOW, ADMINS);
      WfasRule r = host.rules().get(i).rule();
      AddressSet wider = r.remoteAddresses().addresses().union(
          net("10.1.0.0/23"));
      host.rules().set(i, new HostRule(withRemote(r, AddressCondition.of(wider)), HostStore.LOCAL));
      Report report = verify(policyMap(), host, Model.WFAS, false);
      // Allow loses to the emitted Block rule: no difference; the rule set is still right.
      assertThat(report.equal()).as("%s", target.id()).isTrue();
      // Widen the Block rule instead: the admins' neighbours... and the admins are blocked.
      int b = find(host, RuleAction.BLOCK, ATTACKERS);
      WfasRule block = host.rules().get(b).rule();
      host.rules().set(b, new HostRule(withRemote(block, AddressCondition.of(
          block.remoteAddresses().addresses().union(ADMINS))), HostStore.LOCAL));
      report = verify(policyMap(), host, Model.WFAS, false);
      assertThat(report.differences()).extracting(d -> d.describe(Model.WFAS)).containsExactly(
          "10.1.1.0-10.1.1.255 tcp/135,5001-5021 domain,private,public: policy allow, host block"
              + " — blocked by " + at(block) + "; policy rule p.rpcwall:5:1");
    }
  }

  @Test
  void mutation_changeAPortOfTheAllowRules_isFoundOnThatPort() {
    for (Target<ScriptInput, WfasRuleSet> target : WFAS) {
      HostState host = emitted(target);
      for (int i = 0; i < host.rules().size(); i++) {
        WfasRule r = host.rules().get(i).rule();
        if (r.action() == RuleAction.ALLOW) {
          host.rules().set(i, new HostRule(withPorts(r, PortCondition.of(
              r.localPorts().ports().minus(PortSet.of(5021)).union(PortSet.of(5022)))),
              HostStore.LOCAL));
        }
      }
      Report report = verify(policyMap(), host, Model.WFAS, false);
      assertThat(report.differences()).extracting(d -> d.describe(Model.WFAS)).containsExactly(
          "10.1.1.0-10.1.1.255 tcp/5021 domain,private,public: policy allow, host block — blocked"
              + " by default inbound block (assumed); policy rule p.rpcwall:5:1",
          "192.168.0.0-192.168.255.255 tcp/5021 domain,private,public: policy allow, host block —"
              + " blocked by default inbound block (assumed); policy rule p.rpcwall:6:1");
      // 5022 is outside the managed space: only --also-unmanaged shows it.
      Report unmanaged = verify(policyMap(), host, Model.WFAS, true);
      assertThat(unmanaged.unmanaged()).hasSize(1);
      assertThat(unmanaged.unmanaged().get(0).ports()).isEqualTo(PortSet.of(5022));
      assertThat(unmanaged.unmanaged().get(0).addresses()).isEqualTo(ADMINS.union(LAN));
    }
  }

  @Test
  void mutation_disableTheBlockRule_andAddAnAllowAnyRule_opensEveryBlockedAddress() {
    for (Target<ScriptInput, WfasRuleSet> target : WFAS) {
      HostState host = emitted(target);
      int b = find(host, RuleAction.BLOCK, ATTACKERS);
      host.rules().set(b, new HostRule(disabled(host.rules().get(b).rule()), HostStore.LOCAL));
      // Disabled alone: the default inbound Block still blocks what the policy blocks.
      assertThat(verify(policyMap(), host, Model.WFAS, false).equal()).isTrue();
      WfasRule any = allowAny("Allow any", SourceSpan.at("admin.cmd", 3, 1, 1));
      host.addRule(new HostRule(any, HostStore.LOCAL));
      Report report = verify(policyMap(), host, Model.WFAS, true);
      assertThat(report.differences()).extracting(d -> d.describe(Model.WFAS)).containsExactly(
          ranges(AddressLimits.FILTERED.minus(ADMINS).minus(LAN).minus(ATTACKERS))
              + " tcp/135,5001-5021 domain,private,public: policy block, host allow — allowed by"
              + " \"Allow any\" admin.cmd:3; no Block rule matches; policy default",
          "10.9.0.0-10.9.255.255 tcp/135,5001-5021 domain,private,public: policy block, host allow"
              + " — allowed by \"Allow any\" admin.cmd:3; no Block rule matches; policy rule"
              + " p.rpcwall:4:1");
      assertThat(report.unmanaged()).extracting(d -> d.describe(Model.WFAS)).containsExactly(
          ranges(AddressLimits.FILTERED) + " tcp/0-134,136-5000,5022-65535 domain,private,public:"
              + " unmanaged, host allow — allowed by \"Allow any\" admin.cmd:3; no Block rule matches",
          ranges(AddressLimits.FILTERED) + " udp/0-65535 domain,private,public:"
              + " unmanaged, host allow — allowed by \"Allow any\" admin.cmd:3; no Block rule matches");
    }
  }

  @Test
  void mutation_firewallOffOnPublic_isFoundOnPublicOnly() {
    for (Target<ScriptInput, WfasRuleSet> target : WFAS) {
      HostState host = emitted(target);
      host.setProfileState(Profile.PUBLIC,
          new ProfileSetting<>(ProfileState.FIREWALL_OFF, SourceSpan.at("x.cmd", 9, 1, 1)));
      Report report = verify(policyMap(), host, Model.WFAS, false);
      assertThat(report.differences()).extracting(d -> d.describe(Model.WFAS)).containsExactly(
          ranges(AddressLimits.FILTERED.minus(ADMINS).minus(LAN).minus(ATTACKERS))
              + " tcp/135,5001-5021 public: policy block, host allow — allowed by firewall off"
              + " x.cmd:9; no Block rule matches; policy default",
          "10.9.0.0-10.9.255.255 tcp/135,5001-5021 public: policy block, host allow — allowed by"
              + " firewall off x.cmd:9; no Block rule matches; policy rule p.rpcwall:4:1");
    }
  }

  private static String ranges(AddressSet set) {
    return String.join(",", set.ranges().stream().map(Object::toString).toList());
  }

  // Helpers
  // =======

  static Policy ipsecExpressible(Policy p) {
    PortSet keep = PortSet.of(130, 140).union(PortSet.of(440, 450)).union(PortSet.of(5000, 5022));
    List<Rule> rules = new ArrayList<>();
    for (Rule r : p.rules()) {
      rules.add(new Rule(r.index(), r.action(), r.addresses().only(IpFamily.IPV4),
          r.tcp().intersect(keep), r.udp().intersect(keep), EnumSet.allOf(Profile.class),
          r.origin(), r.text()));
    }
    return new Policy(p.name(), p.nameOrigin(), p.description(), p.descriptionOrigin(), rules,
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName());
  }

  static IpsecScriptInput ipsecInput(DecisionMap map) {
    Result<IpsecLowering.Lowered> lowered =
        IpsecLowering.lower(map, new IpsecLowering.Options(true, Integer.MAX_VALUE));
    if (lowered.hasErrors()) {
      throw new AssertionError(lowered.diagnostics().toString());
    }
    Policy p = map.policy();
    return new IpsecScriptInput(p, lowered.orElseThrow().filters(), p.rpc(), Slug.of(p.name()),
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0.1.0", true,
        lowered.orElseThrow().ipv6LeftOut());
  }

  static AddressSet net(String cidr) {
    int slash = cidr.indexOf('/');
    return AddressSet.cidr(dev.rpcwall.compiler.semantics.Ip.parse(cidr.substring(0, slash))
        .orElseThrow(), Integer.parseInt(cidr.substring(slash + 1)));
  }

  static WfasRule allowAny(String name, SourceSpan at) {
    return new WfasRule(name, name, Optional.empty(), Optional.empty(),
        dev.rpcwall.compiler.model.Direction.IN, RuleAction.ALLOW, WfasRule.ANY_PROTOCOL,
        PortCondition.ANY, PortCondition.ANY, AddressCondition.ANY, AddressCondition.ANY, Set.of(),
        true, Optional.empty(), Optional.empty(), at);
  }

  static WfasRule withRemote(WfasRule r, AddressCondition remote) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(), remote,
        r.profiles(), r.enabled(), r.program(), r.service(), r.origin(), r.otherConditions());
  }

  static WfasRule withPorts(WfasRule r, PortCondition ports) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), ports, r.remotePorts(), r.localAddresses(), r.remoteAddresses(),
        r.profiles(), r.enabled(), r.program(), r.service(), r.origin(), r.otherConditions());
  }

  static WfasRule disabled(WfasRule r) {
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), r.profiles(), false, r.program(), r.service(), r.origin(),
        r.otherConditions());
  }
}
