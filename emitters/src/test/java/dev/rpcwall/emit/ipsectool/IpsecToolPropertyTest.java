package dev.rpcwall.emit.ipsectool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.testing.IpsecReference;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.emit.cmd.HostRuns;
import dev.rpcwall.emit.cmd.HostRuns.Run;
import dev.rpcwall.emit.ipseccmd.IpseccmdEmitter;
import dev.rpcwall.emit.ipseccmd.IpseccmdReader;
import dev.rpcwall.emit.ipsecpol.IpsecpolEmitter;
import dev.rpcwall.emit.ipsecpol.IpsecpolReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * For random policies, both dialects: read(emit(lower(policy))) decides like the reference
 * evaluator on every port, protocol and IPv4 boundary address, never ambiguously; the same bytes
 * twice; rollback leaves none of the policy's store policies and leaves another policy alone; a
 * re-apply stopped at any command leaves a complete version assigned; and the comparison catches
 * mutations of the emitted text. Failures name the seed.
 */
class IpsecToolPropertyTest {
  private record Dialect(IpsecToolEmitter emitter, IpsecToolReader reader) {}

  private static final List<Dialect> DIALECTS =
      List.of(new Dialect(new IpsecpolEmitter(), new IpsecpolReader()),
          new Dialect(new IpseccmdEmitter(), new IpseccmdReader()));

  private static String text(EmittedFile f) {
    return IpsecFixtures.text(f);
  }

  private static IpsecStore read(Dialect d, String name, String text) {
    Result<IpsecStore> r = IpsecFixtures.read(d.reader(), name, text);
    assertThat(r.hasErrors()).as("%s reads %s: %s", d.emitter().target(), name, r.diagnostics()).isFalse();
    return r.orElseThrow();
  }

  /** A script that clears this policy's state: a host where it never ran. */
  private static String freshHost(IpsecScriptInput in) {
    return "@echo off\r\nreg delete \"" + IpsecToolEmitter.stateKey(in.slug()) + "\" /f >nul 2>&1\r\nexit /b 0\r\n";
  }

  @Test
  void readBack_randomPolicies_meansThePolicyWithNoAmbiguity_sameBytesTwice() {
    // Ports cut to the RPC anchors (IpsecMeaning.small) keep this within seconds; every port
    // 0-65535 is still compared (the others must match no filter). The lowering's own property
    // test covers full-size random policies.
    Seeded.check(qt -> qt.withExamples(12)
        .forAll(RandomPolicies.policies().map(p -> IpsecMeaning.small(IpsecMeaning.expressible(p))))
        .checkAssert(policy -> {
          IpsecScriptInput in = IpsecFixtures.input(policy);
          for (Dialect d : DIALECTS) {
            List<EmittedFile> files = d.emitter().emit(in);
            List<EmittedFile> again = d.emitter().emit(in);
            for (int i = 0; i < 2; i++) {
              assertThat(again.get(i).bytes()).isEqualTo(files.get(i).bytes());
            }
            IpsecStore store = read(d, files.get(0).name(), text(files.get(0)));
            assertThat(store.effectiveFilters()).containsExactlyInAnyOrderElementsOf(in.filters());
            assertThat(IpsecReference.mismatch(policy, store.effectiveFilters()))
                .as("%s\n%s", d.emitter().target(), RandomPolicies.describe(policy)).isEmpty();
            assertThat(store.rpc().dynamicPorts()).isEqualTo(policy.rpc().dynamicPorts());
            assertThat(store.rpc().wmiFixedPort()).isEqualTo(policy.rpc().wmiFixedPort());
          }
        }));
  }

  @Test
  void rollback_afterApply_leavesNoneOfThisPolicy_andTheAdministratorsPolicyAlone() {
    Seeded.check(qt -> qt.withExamples(20)
        .forAll(RandomPolicies.policies().map(p -> IpsecMeaning.small(IpsecMeaning.expressible(p))))
        .checkAssert(policy -> {
          IpsecScriptInput in = IpsecFixtures.input(policy);
          for (Dialect d : DIALECTS) {
            List<EmittedFile> files = d.emitter().emit(in);
            String apply = text(files.get(0));
            String rollback = text(files.get(1));
            String admin = IpsecToolHost.foreignPolicy(d.emitter().tool(), "Admin policy", true);
            // The administrator's policy assigned after the apply: the rollback leaves it assigned.
            IpsecStore after = read(d, "host", HostRuns.sequence(List.of(Run.whole(freshHost(in)),
                Run.whole(apply), Run.whole(admin), Run.whole(rollback))));
            assertThat(after.policies()).extracting(IpsecPolicy::name).containsExactly("Admin policy");
            assertThat(after.assigned().map(IpsecPolicy::name)).contains("Admin policy");
            assertThat(after.rpc().isEmpty()).as("RPC and WMI settings after the rollback").isTrue();
            // Assigned before: the apply's -x unassigned it (5.1 rule 3); it still exists after the
            // rollback, and none of this policy's filters are left.
            after = read(d, "host", HostRuns.sequence(List.of(Run.whole(freshHost(in)),
                Run.whole(admin), Run.whole(apply), Run.whole(rollback))));
            assertThat(after.policies()).extracting(IpsecPolicy::name).containsExactly("Admin policy");
            if (in.filters().isEmpty()) {
              // Nothing to assign: the administrator's policy stays assigned.
              assertThat(after.assigned().map(IpsecPolicy::name)).contains("Admin policy");
            } else {
              assertThat(after.effectiveFilters()).isEmpty();
            }
            // Applied twice (re-apply of the same version), then rolled back.
            after = read(d, "host", HostRuns.sequence(List.of(Run.whole(freshHost(in)),
                Run.whole(apply), Run.whole(apply), Run.whole(rollback))));
            assertThat(after.policies()).isEmpty();
          }
        }));
  }

  @Test
  void reapply_stoppedAtAnyCommand_leavesACompleteVersionAssigned() {
    Seeded.check(qt -> qt.withExamples(6)
        .forAll(RandomPolicies.pairs())
        .checkAssert(pair -> {
          Policy old = IpsecMeaning.small(IpsecMeaning.expressible(pair[0]));
          Policy next = IpsecMeaning.small(IpsecMeaning.expressible(pair[1]));
          next = new Policy(old.name(), next.nameOrigin(), next.description(), next.descriptionOrigin(),
              next.rules(), next.defaultAction(), next.defaultOrigin(), next.rpc(), next.sourceName());
          IpsecScriptInput oldIn = IpsecFixtures.input(old);
          IpsecScriptInput newIn = IpsecFixtures.input(next);
          Dialect d = DIALECTS.get(1);
          String oldApply = text(d.emitter().emit(oldIn).get(0));
          String newApply = text(d.emitter().emit(newIn).get(0));
          for (int stop : IpsecToolHost.toolLines(d.emitter().tool(), newApply)) {
            List<Run> runs = new ArrayList<>(List.of(Run.whole(freshHost(oldIn)), Run.whole(oldApply),
                new Run(newApply, stop)));
            IpsecStore mid = read(d, "stopped at line " + (stop + 1), HostRuns.sequence(runs));
            List<IpsecFilter> enforced = mid.effectiveFilters();
            assertThat(sorted(enforced)).as("stopped at line %d of\n%s", stop + 1, newApply)
                .isIn(sorted(oldIn.filters()), sorted(newIn.filters()));
            // A second stop in the next run, then a whole run: the new version, under its name only.
            for (int stop2 : List.of(stop, -1)) {
              List<Run> more = new ArrayList<>(runs);
              more.add(new Run(newApply, stop2));
              more.add(Run.whole(newApply));
              IpsecStore end = read(d, "re-run", HostRuns.sequence(more));
              assertThat(sorted(end.effectiveFilters())).isEqualTo(sorted(newIn.filters()));
              assertThat(end.policies()).extracting(IpsecPolicy::name)
                  .isEqualTo(newIn.filters().isEmpty() ? List.of()
                      : List.of(IpsecToolEmitter.policyName(newIn.slug())));
            }
          }
        }));
  }

  private static List<String> sorted(List<IpsecFilter> filters) {
    return filters.stream().map(IpsecFilter::toString).sorted().toList();
  }

  // Mutations of the emitted text
  // =============================

  private static final Pattern SPEC = Pattern.compile(" ([0-9.]+)/([0-9.]+)=");

  @Test
  void comparison_catchesMutationsOfTheEmittedText() {
    Seeded.check(qt -> qt.withExamples(25)
        .forAll(RandomPolicies.policies().map(p -> IpsecMeaning.small(IpsecMeaning.expressible(p))),
            SourceDSL.longs().all())
        .checkAssert((policy, seed) -> {
          IpsecScriptInput in = IpsecFixtures.input(policy);
          Dialect d = DIALECTS.get(seed % 2 == 0 ? 0 : 1);
          String apply = text(d.emitter().emit(in).get(0));
          Random random = new Random(seed);
          mutate(d, policy, apply, random, "drop a PASS spec", line -> {
            if (!line.endsWith(" -n PASS")) {
              return null;
            }
            String[] specs = specs(line);
            if (specs.length == 1) {
              return "rem dropped";
            }
            String victim = specs[random.nextInt(specs.length)];
            return line.replace(" " + victim + " ", " ");
          });
          mutate(d, policy, apply, random, "widen a mask", line -> {
            Matcher m = SPEC.matcher(line);
            List<String[]> found = new ArrayList<>();
            while (m.find()) {
              found.add(new String[] {m.group(1), m.group(2)});
            }
            if (found.isEmpty()) {
              return null;
            }
            String[] f = found.get(random.nextInt(found.size()));
            long mask = FilterSpecs.dotted(f[1]);
            long wider = (mask << 1) & 0xFFFF_FFFFL;
            if (wider == 0) {
              return null;
            }
            long address = FilterSpecs.dotted(f[0]) & wider;
            return line.replace(" " + f[0] + "/" + f[1] + "=", " " + dotted(address) + "/" + dotted(wider) + "=");
          });
          mutate(d, policy, apply, random, "turn a BLOCK into PASS",
              line -> line.endsWith(" -n BLOCK") ? line.substring(0, line.length() - 5) + "PASS" : null);
        }));
  }

  private static String[] specs(String line) {
    return line.substring(line.indexOf(" -f ") + 4, line.lastIndexOf(" -n ")).split(" ");
  }

  private static String dotted(long v) {
    return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }

  /**
   * Applies {@code change} (null: not applicable) to one random rule line of the final policy in
   * the apply script, reads it back and asserts the comparison notices. Why it always must: see
   * the lowering's mutation test (every emitted filter decides some address itself).
   */
  private static void mutate(Dialect d, Policy policy, String apply, Random random, String what,
      UnaryOperator<String> change) {
    String[] lines = apply.split("\r\n", -1);
    String finalPolicy = "-p \"" + IpsecToolEmitter.policyName(
        dev.rpcwall.compiler.target.Slug.of(policy.name())) + "\" -r ";
    List<Integer> applicable = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(finalPolicy) && lines[i].contains(" -f ")) {
        applicable.add(i);
      }
    }
    java.util.Collections.shuffle(applicable, random);
    for (int i : applicable) {
      String changed = change.apply(lines[i]);
      if (changed == null || changed.equals(lines[i])) {
        continue;
      }
      String[] copy = lines.clone();
      copy[i] = changed;
      Result<IpsecStore> r = IpsecFixtures.read(d.reader(), "mutated.cmd", String.join("\r\n", copy));
      if (r.hasErrors()) {
        return; // a reader that refuses the text also keeps it from being written
      }
      assertThat(IpsecReference.mismatch(policy, r.orElseThrow().effectiveFilters()))
          .as("%s on line %d: %s", what, i + 1, changed).isPresent();
      return;
    }
  }
}
