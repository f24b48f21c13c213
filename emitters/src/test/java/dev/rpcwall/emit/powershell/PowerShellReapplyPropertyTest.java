package dev.rpcwall.emit.powershell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.verify.TranslationCheck;
import dev.rpcwall.emit.powershell.PsHost.Outcome;
import dev.rpcwall.emit.powershell.PsHost.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 3 for PowerShell: re-applying never opens what both versions block. For random
 * policy pairs (the second renamed to the first's name: a new version), v1 is applied on a host
 * with an allow-any rule, then v2's apply script runs failing at every step in turn (the catch
 * block's undo included). After every single change on the host, every address blocked by both v1
 * and v2 must still be blocked: checked exactly on the evaluator's port slices (every port
 * 0-65535, every address, both protocols, every profile) and probed at every boundary address
 * +-1 of both families with {@link WfasEvaluator#decide}. Failures name the seed.
 */
class PowerShellReapplyPropertyTest {
  private static final String ALLOW_ANY = "host-allow-any";

  @Test
  void reApply_failingAtEveryStep_neverOpensWhatBothVersionsBlock() {
    Seeded.check(
        qt ->
            qt.withExamples(40)
                .forAll(RandomPolicies.pairs())
                .checkAssert(pair -> check(pair[0], renamed(pair[1], pair[0].name()))));
  }

  private static Policy renamed(Policy p, String name) {
    return new Policy(name, p.nameOrigin(), p.description(), p.descriptionOrigin(), p.rules(),
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName(), p.replaces());
  }

  private record Version(ScriptInput input, String apply, Map<String, WfasRule> rules) {
    static Version of(Policy policy) {
      WfasRuleSet lowered = WfasLowering.lower(DecisionMap.of(policy));
      ScriptInput in = new ScriptInput(policy, lowered, Slug.of(policy.name()), "ab".repeat(32),
          "0.1.0");
      Diagnostics d = new Diagnostics();
      new PowerShellEmitter().check(in, d);
      assertThat(d.hasErrors()).as("the emitter rejects %s: %s", policy.name(), d.sorted()).isFalse();
      Map<String, WfasRule> rules = new LinkedHashMap<>();
      lowered.rules().forEach(r -> rules.put(r.id(), r));
      return new Version(in, PsFixtures.decode(new PowerShellEmitter().emit(in).get(0)), rules);
    }
  }

  private static void check(Policy p1, Policy p2) {
    Version v1 = Version.of(p1);
    Version v2 = Version.of(p2);
    PsHost host = new PsHost();
    host.rules.put(ALLOW_ANY, "host");
    host.conditions.put(ALLOW_ANY, TranslationCheck.allowAny());
    Run first = new Run(host, Integer.MAX_VALUE, "PersistentStore", false, v1.rules());
    assertThat(first.execute(v1.apply())).isEqualTo(Outcome.DONE);
    assertThat(host.conditions).hasSize(v1.rules().size() + 1);

    // every distinct rule table the host goes through while v2 runs, failing at each step
    Set<List<WfasRule>> states = new LinkedHashSet<>();
    Run probe = new Run(host.copy(), Integer.MAX_VALUE, "PersistentStore", false, v2.rules());
    assertThat(probe.execute(v2.apply())).isEqualTo(Outcome.DONE);
    int changes = probe.changes;
    for (int failAt = 0; failAt <= changes; failAt++) {
      Run run = new Run(host.copy(), failAt, "PersistentStore", false, v2.rules());
      run.observer = h -> states.add(table(h));
      Outcome outcome = run.execute(v2.apply());
      if (outcome == Outcome.UNDONE) {
        assertThat(table(run.host)).as("undone at %d", failAt).isEqualTo(table(host));
      }
      states.add(table(run.host));
    }

    WfasEvaluator both1 = evaluator(table(host));
    List<WfasRule> v2Alone = new ArrayList<>(v2.rules().values());
    v2Alone.add(TranslationCheck.allowAny());
    WfasEvaluator both2 = evaluator(v2Alone);
    List<AddressSet> sets = new ArrayList<>();
    for (WfasRule r : host.conditions.values()) {
      sets.add(r.remoteAddresses().addresses());
      sets.add(r.localAddresses().addresses());
    }
    for (WfasRule r : v2.rules().values()) {
      sets.add(r.remoteAddresses().addresses());
      sets.add(r.localAddresses().addresses());
    }
    List<Ip> boundaries = Boundaries.of(sets);
    for (List<WfasRule> state : states) {
      WfasEvaluator now = evaluator(state);
      for (Profile profile : Profile.values()) {
        for (Protocol protocol : Protocol.values()) {
          compare(both1, both2, now, profile, protocol, boundaries, state);
        }
      }
    }
  }

  /** The host's rules by condition (names differ while rules are moved aside). */
  private static List<WfasRule> table(PsHost h) {
    List<WfasRule> out = new ArrayList<>(h.conditions.values());
    out.sort(Comparator.comparing(WfasRule::toString));
    return out.stream().map(r -> renamedRule(r, "")).toList();
  }

  private static WfasRule renamedRule(WfasRule r, String id) {
    return new WfasRule(id, r.displayName(), r.group(), r.description(), r.direction(),
        r.action(), r.protocol(), r.localPorts(), r.remotePorts(), r.localAddresses(),
        r.remoteAddresses(), r.profiles(), r.enabled(), r.program(), r.service(), r.origin());
  }

  private static WfasEvaluator evaluator(List<WfasRule> rules) {
    List<WfasRule> named = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      named.add(renamedRule(rules.get(i), "r" + i));
    }
    return WfasEvaluator.of(new WfasRuleSet(named, dev.rpcwall.compiler.ir.RpcSettings.NONE),
        List.of(), EvaluationOptions.defaults());
  }

  /** Walks every port with the three slice lists side by side. */
  private static void compare(WfasEvaluator a, WfasEvaluator b, WfasEvaluator now, Profile profile,
      Protocol protocol, List<Ip> boundaries, List<WfasRule> state) {
    List<WfasSlice> sa = a.slices(profile, protocol);
    List<WfasSlice> sb = b.slices(profile, protocol);
    List<WfasSlice> sn = now.slices(profile, protocol);
    int ia = 0;
    int ib = 0;
    int in = 0;
    int checkedFrom = -1;
    for (int port = 0; port <= PortRange.MAX_PORT; port++) {
      while (sa.get(ia).ports().last() < port) {
        ia++;
      }
      while (sb.get(ib).ports().last() < port) {
        ib++;
      }
      while (sn.get(in).ports().last() < port) {
        in++;
      }
      int runStart = Math.max(sa.get(ia).ports().first(),
          Math.max(sb.get(ib).ports().first(), sn.get(in).ports().first()));
      if (runStart == checkedFrom) {
        continue; // the same three slices as the previous port
      }
      checkedFrom = runStart;
      AddressSet both = sa.get(ia).blocked().intersect(sb.get(ib).blocked());
      AddressSet open = both.minus(sn.get(in).blocked());
      if (!open.isEmpty()) {
        throw new AssertionError(profile.keyword() + " " + protocol.keyword() + " port " + port
            + ": blocked by both versions but open at a step of the re-apply: " + open
            + "\nhost rules then:\n" + describe(state));
      }
      for (Ip ip : boundaries) {
        if (a.decide(profile, protocol, port, ip).decision() == Decision.BLOCK
            && b.decide(profile, protocol, port, ip).decision() == Decision.BLOCK
            && now.decide(profile, protocol, port, ip).decision() != Decision.BLOCK) {
          throw new AssertionError(profile.keyword() + " " + protocol.keyword() + " port " + port
              + " " + ip + ": blocked by both versions but open at a step of the re-apply"
              + "\nhost rules then:\n" + describe(state));
        }
      }
    }
  }

  private static String describe(List<WfasRule> rules) {
    StringBuilder b = new StringBuilder();
    rules.forEach(r -> b.append("  ").append(r).append('\n'));
    return b.toString();
  }
}
