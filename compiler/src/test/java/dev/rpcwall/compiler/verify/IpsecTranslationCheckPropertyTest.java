package dev.rpcwall.compiler.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.lower.IpsecLoweringPropertyTest;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecExemptions;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.testing.IpsecReference;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The region-by-region IPsec translation check agrees with the point-by-point comparison against
 * the independent reference evaluator (every port 0-65535, both protocols, every IPv4 boundary
 * address +-1 of both sides' address blocks): no mismatch on the lowered filters, and a mismatch
 * exactly when the reference finds one after a random mutation (drop a filter, widen a mask, flip
 * an action, add a filter). Failures name the seed.
 */
class IpsecTranslationCheckPropertyTest {
  private static final IpsecLowering.Options V4 = new IpsecLowering.Options(true, Integer.MAX_VALUE);

  private static List<IpsecFilter> lowered(Policy policy) {
    Result<IpsecLowering.Lowered> r = IpsecLowering.lower(DecisionMap.of(policy), V4);
    assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
    return r.orElseThrow().filters();
  }

  @Test
  void check_loweredRandomPolicies_exact() {
    Seeded.check(qt -> qt.withExamples(15)
        .forAll(RandomPolicies.policies().map(IpsecLoweringPropertyTest::expressible))
        .checkAssert(policy -> {
          DecisionMap map = DecisionMap.of(policy);
          assertThat(IpsecTranslationCheck.check(map, IpsecTranslationCheckTest.store(lowered(policy), true)))
              .as(RandomPolicies.describe(policy))
              .isEmpty();
        }));
  }

  @Test
  void check_mutatedFilters_agreesWithTheReference() {
    Seeded.check(qt -> qt.withExamples(30)
        .forAll(RandomPolicies.policies().map(IpsecLoweringPropertyTest::expressible),
            SourceDSL.longs().all())
        .checkAssert((policy, seed) -> {
          Random random = new Random(seed);
          List<IpsecFilter> filters = mutate(lowered(policy), random);
          boolean region = !IpsecTranslationCheck.check(DecisionMap.of(policy),
              IpsecTranslationCheckTest.store(filters, true), IpsecExemptions.NONE).isEmpty();
          Optional<String> point = IpsecReference.mismatch(policy, filters);
          assertThat(region)
              .as(RandomPolicies.describe(policy) + "\nfilters " + filters + "\nreference: " + point)
              .isEqualTo(point.isPresent());
        }));
  }

  private static List<IpsecFilter> mutate(List<IpsecFilter> in, Random random) {
    List<IpsecFilter> out = new ArrayList<>(in);
    int what = random.nextInt(4);
    if (out.isEmpty() || what == 3) {
      // Add a filter from a random block to a random port, either action.
      int prefix = random.nextInt(33);
      out.add(IpsecFilter.inbound(
          IpsecAddress.prefix(random.nextLong() & 0xFFFF_FFFFL, prefix),
          random.nextBoolean() ? 6 : 17,
          random.nextInt(65536),
          random.nextBoolean() ? IpsecAction.PASS : IpsecAction.BLOCK));
      return out;
    }
    int i = random.nextInt(out.size());
    IpsecFilter f = out.get(i);
    switch (what) {
      case 0 -> out.remove(i);
      case 1 -> out.set(i, IpsecFilter.inbound(
          IpsecAddress.prefix(f.source().address(), Math.max(0, f.source().prefixLength() - 1 - random.nextInt(3))),
          f.protocol(), f.destinationPort(), f.action()));
      default -> out.set(i, IpsecFilter.inbound(f.source(), f.protocol(), f.destinationPort(),
          f.action() == IpsecAction.PASS ? IpsecAction.BLOCK : IpsecAction.PASS));
    }
    return out;
  }
}
