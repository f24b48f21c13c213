package dev.rpcwall.compiler.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpFamily;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.testing.IpsecReference;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * For random IPv4-only, profile-uniform policies: the IPsec evaluator over the lowered filters
 * decides like the independent reference evaluator for every port 0-65535, both protocols and
 * every IPv4 boundary address +-1, with zero ambiguities; and the comparison catches the
 * mutations a broken emitter or reader could make. Failures name the seed to replay.
 */
public class IpsecLoweringPropertyTest {
  private static final IpsecLowering.Options V4 =
      new IpsecLowering.Options(true, Integer.MAX_VALUE);

  /**
   * RandomPolicies made expressible: IPv4 addresses only, every rule on every profile, no port 0,
   * and none of the ports the agent exempts by default (tcp/udp 88, udp 500: RW2305).
   */
  public static Policy expressible(Policy p) {
    List<Rule> rules = new ArrayList<>();
    for (Rule r : p.rules()) {
      rules.add(
          new Rule(
              r.index(),
              r.action(),
              r.addresses().only(IpFamily.IPV4),
              r.tcp().minus(PortSet.of(0)).minus(PortSet.of(88)),
              r.udp().minus(PortSet.of(0)).minus(PortSet.of(88)).minus(PortSet.of(500)),
              EnumSet.allOf(Profile.class),
              r.origin(),
              r.text()));
    }
    return new Policy(
        p.name(), p.nameOrigin(), p.description(), p.descriptionOrigin(), rules,
        p.defaultAction(), p.defaultOrigin(), p.rpc(), p.sourceName());
  }

  private static Gen<Long> seeds() {
    return SourceDSL.longs().all();
  }

  @Test
  void lower_randomPolicies_meanExactlyThePolicyWithNoAmbiguity() {
    Seeded.check(
        qt ->
            qt.withExamples(12)
                .forAll(RandomPolicies.policies().map(IpsecLoweringPropertyTest::expressible))
                .checkAssert(
                    policy -> {
                      IpsecLowering.Lowered lowered = lowered(policy);
                      assertThat(lowered(policy)).as("lowering twice").isEqualTo(lowered);
                      assertThat(IpsecReference.mismatch(policy, lowered.filters())).as("mismatch").isEmpty();
                    }));
  }

  @Test
  void comparison_findsDroppedPassWidenedMaskAndFlippedBlock() {
    Seeded.check(
        qt ->
            qt.withExamples(30)
                .forAll(
                    RandomPolicies.policies().map(IpsecLoweringPropertyTest::expressible), seeds())
                .checkAssert(
                    (policy, seed) -> {
                      List<IpsecFilter> filters = lowered(policy).filters();
                      Random random = new Random(seed);
                      mutate(policy, filters, random, "drop a PASS",
                          (f, i) -> f.action() == IpsecAction.PASS ? Optional.empty() : null);
                      mutate(policy, filters, random, "widen a mask",
                          (f, i) ->
                              f.source().prefixLength() == 0
                                  ? null
                                  : Optional.of(
                                      IpsecFilter.inbound(
                                          IpsecAddress.prefix(
                                              f.source().address(), f.source().prefixLength() - 1),
                                          f.protocol(), f.destinationPort(), f.action())));
                      mutate(policy, filters, random, "turn a BLOCK into PASS",
                          (f, i) ->
                              f.action() != IpsecAction.BLOCK
                                  ? null
                                  : Optional.of(
                                      IpsecFilter.inbound(
                                          f.source(), f.protocol(), f.destinationPort(),
                                          IpsecAction.PASS)));
                    }));
  }

  private static IpsecLowering.Lowered lowered(Policy policy) {
    Result<IpsecLowering.Lowered> r = IpsecLowering.lower(DecisionMap.of(policy), V4);
    assertThat(r.diagnostics()).as("diagnostics").isEmpty();
    return r.orElseThrow();
  }

  /**
   * Applies {@code change} (null: not applicable; empty: drop; else replace) to one random
   * applicable filter and asserts the comparison notices. Why it always must: the lowering is
   * ORTC over two colours, and a node that inherits a colour in its set without emitting has a
   * leaf below reached through no entry (its set is the children's intersection, holding the
   * colour in both, or their disjoint union, holding it in one). So every emitted entry X decides
   * some address itself: dropping X or flipping its action changes that address; widening X to
   * its parent P either duplicates an entry at P with the other action (ambiguous) or gives X's
   * colour to an address of the sibling that inherited the other colour through no entry (if the
   * sibling emitted at its root with X's colour, P would have emitted instead of X).
   */
  private static void mutate(
      Policy policy,
      List<IpsecFilter> filters,
      Random random,
      String what,
      BiFunction<IpsecFilter, Integer, Optional<IpsecFilter>> change) {
    List<Integer> applicable = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      if (change.apply(filters.get(i), i) != null) {
        applicable.add(i);
      }
    }
    if (applicable.isEmpty()) {
      return;
    }
    int i = applicable.get(random.nextInt(applicable.size()));
    List<IpsecFilter> mutated = new ArrayList<>(filters);
    Optional<IpsecFilter> replacement = change.apply(filters.get(i), i);
    if (replacement.isPresent()) {
      mutated.set(i, replacement.get());
    } else {
      mutated.remove(i);
    }
    assertThat(IpsecReference.mismatch(policy, mutated))
        .as(what + ": " + filters.get(i) + " -> " + replacement.map(Object::toString).orElse("dropped"))
        .isPresent();
  }

  @Test
  void mismatch_seesTheKbExample() {
    // a fixed sanity case for the comparison itself: a correct list passes, an empty one does not
    Policy kb =
        Policies.named("kb")
            .allow(
                AddressSet.of(new IpRange(Ip.parse("10.1.1.0").orElseThrow(), Ip.parse("10.1.1.255").orElseThrow())),
                PortSet.of(135).union(PortSet.of(5001, 5021)),
                PortSet.empty())
            .build();
    assertThat(IpsecReference.mismatch(kb, lowered(kb).filters())).isEmpty();
    assertThat(IpsecReference.mismatch(kb, List.of())).isPresent();
  }
}
