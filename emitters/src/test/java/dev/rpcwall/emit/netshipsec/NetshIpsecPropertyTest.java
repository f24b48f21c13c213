package dev.rpcwall.emit.netshipsec;

import static dev.rpcwall.emit.netshipsec.NipsecFixtures.emit;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.input;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.readOk;
import static dev.rpcwall.emit.netshipsec.NipsecFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecRule;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.IpsecScriptInput;
import dev.rpcwall.compiler.testing.IpsecReference;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * For random policies (IPv4, every profile, no port 0): the IPsec evaluator over what the reader
 * reads back from the emitted apply script decides like the independent reference for every port
 * 0-65535, both protocols and every IPv4 boundary +-1, with no ambiguity; the read-back filters
 * are exactly the lowered ones; two emits give the same bytes; the rollback removes every object
 * of the policy and nothing else; and mutations of the script are caught. Failures print the seed.
 */
class NetshIpsecPropertyTest {
  private static Gen<Policy> policies() {
    return RandomPolicies.policies().map(IpsecProof::expressible);
  }

  private static Gen<Long> seeds() {
    return SourceDSL.longs().all();
  }

  @Test
  void readBack_randomPolicies_meansThePolicyExactlyWithNoAmbiguity() {
    Seeded.check(qt -> qt.withExamples(Integer.getInteger("rpcwall.examples.nipsec", 40)).forAll(policies()).checkAssert(policy -> {
      IpsecScriptInput in = input(policy, true);
      List<EmittedFile> files = emit(in);
      List<EmittedFile> again = emit(in);
      for (int i = 0; i < files.size(); i++) {
        assertThat(again.get(i).bytes()).as("same bytes: " + files.get(i).name())
            .isEqualTo(files.get(i).bytes());
      }
      IpsecStore store = readOk(files.get(0));
      assertThat(store.policies()).hasSize(1);
      assertThat(store.assigned()).map(IpsecPolicy::name)
          .contains(NetshIpsecNames.finalPolicy(in.slug()));
      assertThat(multiset(store.effectiveFilters())).isEqualTo(multiset(in.filters()));
      assertThat(IpsecReference.mismatch(policy, store.effectiveFilters()))
          .as(RandomPolicies.describe(policy)).isEmpty();
      assertThat(store.rpc().dynamicPorts()).isEqualTo(policy.rpc().dynamicPorts());
      assertThat(store.rpc().wmiFixedPort()).isEqualTo(policy.rpc().wmiFixedPort());
    }));
  }

  /**
   * The rollback, run on a host holding this policy as the apply script left it (and, in some
   * runs, the temporary version a failed re-apply left), plus a foreign policy that is assigned
   * or not (someone assigned theirs since): every object of this policy is gone, under both name
   * sets, and the foreign policy, its lists and actions, and its assignment stay.
   */
  @Test
  void rollback_afterApply_removesEveryObjectOfThePolicyAndKeepsTheForeignOne() {
    Seeded.check(qt -> qt.withExamples(Integer.getInteger("rpcwall.examples.nipsec", 30)).forAll(policies(), seeds()).checkAssert((policy, seed) -> {
      Random random = new Random(seed);
      IpsecScriptInput in = input(policy, true);
      List<EmittedFile> files = emit(in);
      IpsecStore applied = readOk(files.get(0));
      boolean foreignAssigned = random.nextBoolean();
      IpsecPolicy foreign = foreign(in.slug(), foreignAssigned);
      List<IpsecPolicy> hostPolicies = new ArrayList<>();
      hostPolicies.add(foreign);
      for (IpsecPolicy p : applied.policies()) {
        hostPolicies.add(new IpsecPolicy(p.name(), !foreignAssigned, p.rules()));
      }
      if (random.nextBoolean() && !applied.policies().get(0).rules().isEmpty()) {
        // A failed re-apply's temporary version (its objects under the temporary names).
        String temp = NetshIpsecNames.tempPolicy(in.slug());
        List<IpsecRule> rules = new ArrayList<>();
        for (IpsecRule r : applied.policies().get(0).rules()) {
          rules.add(new IpsecRule(NetshIpsecNames.rule(temp, r.action()),
              NetshIpsecNames.filterList(temp, r.action()),
              NetshIpsecNames.filterAction(temp, r.action()), r.action(), r.filters()));
        }
        hostPolicies.add(new IpsecPolicy(temp, false, rules));
      }
      IpsecStore host = new IpsecStore(hostPolicies, List.of(), applied.rpc());
      IpsecStore expectedAfter = new IpsecStore(List.of(foreign), List.of(), host.rpc());
      Result<IpsecHost> after = NipsecFixtures.READER.readObjects(
          new SourceFile(files.get(1).name(), text(files.get(1))), host);
      assertThat(after.hasErrors()).as(after.diagnostics().toString()).isFalse();
      IpsecHost objects = after.value().orElseThrow();
      assertThat(objects.policies.keySet()).containsExactly(foreign.name());
      assertThat(objects.policies.get(foreign.name()).assigned).isEqualTo(foreignAssigned);
      assertThat(objects.lists.keySet()).containsExactly(foreign.rules().get(0).filterList());
      assertThat(objects.actions.keySet()).containsExactly(foreign.rules().get(0).filterAction());
      assertThat(objects.toStore(host.rpc()).policies()).isEqualTo(expectedAfter.policies());
    }));
  }

  /** A policy of someone else whose names resemble this one's (same prefix, other slug). */
  static IpsecPolicy foreign(String slug, boolean assigned) {
    String name = "rpcwall/" + slug + "x";
    IpsecFilter f = IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.BLOCK);
    return new IpsecPolicy(name, assigned, List.of(
        new IpsecRule(name + "/block-rule", name + "/block-list", name + "/block",
            IpsecAction.BLOCK, List.of(f))));
  }

  // Mutations
  // =========

  @Test
  void mutations_droppedPermitWidenedMaskAndBlockTurnedPermit_areCaughtByTheEvaluation() {
    Seeded.check(qt -> qt.withExamples(Integer.getInteger("rpcwall.examples.nipsec", 30)).forAll(policies(), seeds()).checkAssert((policy, seed) -> {
      Random random = new Random(seed);
      IpsecScriptInput in = input(policy, true);
      String apply = text(emit(in).get(0));
      List<IpsecFilter> filters = in.filters();
      boolean hasPass = filters.stream().anyMatch(f -> f.action() == IpsecAction.PASS);
      mutate(policy, in, apply, random, "drop a permit filter",
          f -> f.action() == IpsecAction.PASS ? Optional.of("") : null);
      mutate(policy, in, apply, random, "widen a mask",
          f -> f.source().prefixLength() == 0 ? null : Optional.of(NetshIpsecEmitter.addFilter(
              "LIST", IpsecFilter.inbound(IpsecAddress.prefix(f.source().address(),
                  f.source().prefixLength() - 1), f.protocol(), f.destinationPort(), f.action()))));
      mutate(policy, in, apply, random, "turn a block filter into a permit filter",
          f -> f.action() != IpsecAction.BLOCK || !hasPass ? null
              : Optional.of(NetshIpsecEmitter.addFilter("LIST", f).replace("LIST", "PERMIT")));
    }));
  }

  /**
   * Rewrites every line adding one random applicable filter (its line in each build) as {@code
   * change} says: null not applicable, "" drop, else the new line ({@code LIST} stands for the
   * list the line had, {@code PERMIT} for the permit list of the same build). The mutated script
   * must read without error and the evaluation must then disagree with the policy.
   */
  private static void mutate(Policy policy, IpsecScriptInput in, String apply, Random random,
      String what, Function<IpsecFilter, Optional<String>> change) {
    List<IpsecFilter> applicable = in.filters().stream().filter(f -> change.apply(f) != null).toList();
    if (applicable.isEmpty()) {
      return;
    }
    IpsecFilter victim = applicable.get(random.nextInt(applicable.size()));
    String replacement = change.apply(victim).orElseThrow();
    boolean toPermit = replacement.contains("\"PERMIT\"");
    List<String> policies =
        List.of(NetshIpsecNames.finalPolicy(in.slug()), NetshIpsecNames.tempPolicy(in.slug()));
    List<String> lines = new ArrayList<>(List.of(apply.split("\r\n", -1)));
    List<String> out = new ArrayList<>();
    int hits = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean victimLine = false;
      for (String policyName : policies) {
        String list = NetshIpsecNames.filterList(policyName, victim.action());
        String permitList = NetshIpsecNames.filterList(policyName, IpsecAction.PASS);
        if (line.equals(NetshIpsecEmitter.addFilter(list, victim))) {
          victimLine = true;
          hits++;
          if (!replacement.isEmpty() && !toPermit) {
            out.add(replacement.replace("\"LIST\"", "\"" + list + "\""));
          }
        } else if (toPermit
            && line.equals("netsh ipsec static add filterlist name=\"" + permitList + "\"")) {
          // The permit list of this build exists from here on: the moved filter goes into it.
          out.add(line);
          out.add(lines.get(++i));
          out.add(replacement.replace("\"PERMIT\"", "\"" + permitList + "\""));
          victimLine = true;
        }
      }
      if (!victimLine) {
        out.add(line);
      }
    }
    assertThat(hits).as("the filter's lines in the three builds").isEqualTo(3);
    String mutated = String.join("\r\n", out);
    IpsecStore store = readOk("mutated.cmd", mutated, IpsecStore.EMPTY);
    assertThat(IpsecReference.mismatch(policy, store.effectiveFilters()))
        .as(what + ": " + victim).isPresent();
  }

  private static Map<IpsecFilter, Integer> multiset(List<IpsecFilter> filters) {
    Map<IpsecFilter, Integer> out = new HashMap<>();
    for (IpsecFilter f : filters) {
      out.merge(f, 1, Integer::sum);
    }
    return out;
  }
}
