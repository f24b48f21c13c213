package dev.rpcwall.emit.powershell;

import static dev.rpcwall.emit.powershell.PsFixtures.classic;
import static dev.rpcwall.emit.powershell.PsFixtures.decode;
import static dev.rpcwall.emit.powershell.PsFixtures.input;
import static dev.rpcwall.emit.powershell.PsFixtures.read;
import static dev.rpcwall.emit.powershell.PsFixtures.withoutOrigins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomAddresses;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.target.EmittedFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PowerShellRoundTripTest {
  private final PowerShellEmitter emitter = new PowerShellEmitter();

  private WfasRuleSet roundTrip(WfasRuleSet rules) {
    Diagnostics check = new Diagnostics();
    emitter.check(input(rules), check);
    assertThat(check.sorted()).isEmpty();
    EmittedFile apply = emitter.emit(input(rules)).get(0);
    Result<WfasRuleSet> back = read(decode(apply));
    assertThat(back.diagnostics()).isEmpty();
    return back.orElseThrow();
  }

  /** Equal as records, and (to be sure equality is not vacuous) equal at every port and boundary. */
  private static void assertSameMeaning(WfasRuleSet expected, WfasRuleSet actual) {
    assertThat(withoutOrigins(actual)).isEqualTo(withoutOrigins(expected));
    assertThat(actual.rules()).hasSameSizeAs(expected.rules());
    for (int i = 0; i < expected.rules().size(); i++) {
      WfasRule e = expected.rules().get(i);
      WfasRule a = actual.rules().get(i);
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        assertThat(a.localPorts().ports().contains(port))
            .as("rule %s port %d", e.id(), port)
            .isEqualTo(e.localPorts().ports().contains(port));
      }
      for (Ip ip : Boundaries.of(e.remoteAddresses().addresses(), a.remoteAddresses().addresses())) {
        assertThat(matches(a.remoteAddresses(), ip)).as("rule %s address %s", e.id(), ip)
            .isEqualTo(matches(e.remoteAddresses(), ip));
      }
    }
    if (expected.rpc().dynamicPorts().isPresent()) {
      PortSet e = expected.rpc().dynamicPorts().get();
      PortSet a = actual.rpc().dynamicPorts().orElseThrow();
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        assertThat(a.contains(port)).as("RPC port %d", port).isEqualTo(e.contains(port));
      }
    }
  }

  private static boolean matches(AddressCondition c, Ip ip) {
    return c.any() || c.addresses().contains(ip);
  }

  @Test
  void readEmit_classicPolicy_givesTheSameRuleSet() {
    WfasRuleSet rules = classic();
    assertSameMeaning(rules, roundTrip(rules));
  }

  @Test
  void readEmit_rollback_removesEveryRuleAndUndoesSettings() {
    EmittedFile rollback = emitter.emit(input(classic())).get(1);
    Result<WfasRuleSet> back = read(decode(rollback));

    assertThat(back.hasErrors()).isFalse();
    assertThat(back.orElseThrow().rules()).isEmpty();
    assertThat(back.orElseThrow().rpc().isEmpty()).isTrue();
    // the rollback puts back the values from before rpcwall, which the model holds as not set
    // by rpcwall: nothing to warn about (it sets nothing first)
    assertThat(back.diagnostics()).isEmpty();
  }

  @Test
  void readEmit_keywordsProgramsAndOutbound_roundTrip() {
    WfasRule epm = new WfasRule("epm", "Endpoint mapper", Optional.of(PsFixtures.GROUP),
        Optional.empty(), Direction.IN, RuleAction.ALLOW, 6,
        new PortCondition(false, PortSet.empty(), Set.of(PortKeyword.RPC_EPMAP, PortKeyword.RPC)),
        PortCondition.of(PortSet.of(1024, 65535)), AddressCondition.of(AddressSet.cidr(
            Ip.parse("192.168.0.0").orElseThrow(), 16)),
        new AddressCondition(false, AddressSet.empty(), Set.of(AddressKeyword.LOCAL_SUBNET,
            AddressKeyword.REMOTE_INTRANET)),
        Set.of(Profile.PUBLIC), false, Optional.of("%SystemRoot%\\system32\\svchost.exe"),
        Optional.of("RpcSs"), SourceSpan.UNKNOWN);
    WfasRule out = new WfasRule("out", "Outbound ICMP", Optional.of(PsFixtures.GROUP),
        Optional.of("$(danger) `n \"q\" ’quote‘"), Direction.OUT, RuleAction.BLOCK, 58,
        PortCondition.ANY, PortCondition.ANY, AddressCondition.ANY, AddressCondition.ANY, Set.of(),
        true, Optional.empty(), Optional.empty(), SourceSpan.UNKNOWN);
    WfasRuleSet rules = new WfasRuleSet(List.of(epm, out), RpcSettings.NONE);
    assertSameMeaning(rules, roundTrip(rules));
  }

  @Test
  void readEmit_randomRuleSets_giveTheSameRuleSet() {
    Seeded.check(qt -> qt.withExamples(40).forAll(longs().all())
        .checkAssert(seed -> {
          WfasRuleSet rules = randomRuleSet(new Random(seed));
          assertSameMeaning(rules, roundTrip(rules));
        }));
  }

  private static WfasRuleSet randomRuleSet(Random random) {
    RandomAddresses addresses = new RandomAddresses(random);
    List<WfasRule> rules = new ArrayList<>();
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      List<PortRange> ranges = new ArrayList<>();
      int count = 1 + random.nextInt(6);
      for (int k = 0; k < count; k++) {
        int a = random.nextInt(PortRange.MAX_PORT + 1);
        int b = Math.min(PortRange.MAX_PORT, a + (random.nextBoolean() ? 0 : random.nextInt(3000)));
        ranges.add(PortRange.of(a, b));
      }
      AddressSet set = addresses.set(6);
      if (set.isEmpty() || random.nextInt(8) == 0) {
        set = random.nextBoolean() ? set.complement() : AddressSet.all();
      }
      // Windows refuses lists holding :: or ::1 (AddressLimits), and so do the readers.
      set = set.minus(dev.rpcwall.compiler.model.AddressLimits.UNLISTABLE);
      // Nothing left (the draw held only loopback and ::): the rule applies to any address,
      // written as the keyword; a list of every address is one Windows refuses (it holds ::1).
      AddressCondition remote = set.isEmpty() ? AddressCondition.ANY : AddressCondition.of(set);
      Set<Profile> profiles = EnumSet.noneOf(Profile.class);
      for (Profile p : Profile.values()) {
        if (random.nextBoolean()) {
          profiles.add(p);
        }
      }
      rules.add(new WfasRule("r-" + i, "Rule " + i, Optional.of(PsFixtures.GROUP),
          random.nextBoolean() ? Optional.empty() : Optional.of("d" + i),
          Direction.IN, random.nextBoolean() ? RuleAction.ALLOW : RuleAction.BLOCK,
          random.nextBoolean() ? 6 : 17, PortCondition.of(PortSet.of(ranges)), PortCondition.ANY,
          AddressCondition.ANY, remote,
          profiles.size() == 3 ? Set.of() : profiles, true, Optional.empty(), Optional.empty(),
          SourceSpan.UNKNOWN));
    }
    RpcSettings rpc = RpcSettings.NONE;
    if (random.nextBoolean()) {
      int a = 1024 + random.nextInt(60000);
      PortSet dynamic = PortSet.of(a, Math.min(PortRange.MAX_PORT, a + random.nextInt(500)));
      if (random.nextBoolean()) {
        dynamic = dynamic.union(PortSet.of(random.nextInt(1024)));
      }
      rpc = new RpcSettings(Optional.of(dynamic), SourceSpan.UNKNOWN,
          random.nextBoolean() ? OptionalInt.of(24158) : OptionalInt.empty(), SourceSpan.UNKNOWN);
    }
    return new WfasRuleSet(rules, rpc);
  }
}
