package dev.rpcwall.compiler.testing;

import static org.quicktheories.QuickTheory.qt;

import java.util.function.Consumer;
import org.quicktheories.QuickTheory;

/**
 * Runs a QuickTheories property with a seed that is printed on failure. The seed comes from the
 * system property {@code rpcwall.seed} when set (replay: {@code -Drpcwall.seed=<seed>}), else from
 * the clock.
 */
public final class Seeded {
  private Seeded() {}

  /** Runs {@code property} on {@code qt().withFixedSeed(seed)}; a failure names the seed. */
  public static void check(Consumer<QuickTheory> property) {
    long seed = Long.getLong("rpcwall.seed", System.nanoTime());
    try {
      property.accept(qt().withFixedSeed(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "property failed with seed " + seed + " (replay with -Drpcwall.seed=" + seed + ")", e);
    }
  }
}
