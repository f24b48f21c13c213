package dev.rpcwall.emit.family;

import static java.util.Objects.requireNonNull;

import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A model family and the dialects registered for it, in {@link TargetId} order. */
public record Dialects<L, I, R>(ModelFamily<L, I, R> family, List<Target<I, R>> targets) {
  public Dialects {
    requireNonNull(family, "family");
    List<Target<I, R>> sorted = new ArrayList<>(targets);
    sorted.sort(Comparator.comparing(Target::id));
    for (Target<I, R> t : sorted) {
      if (t.family() != family) {
        throw new IllegalArgumentException(t.id() + " is a dialect of " + t.family().name()
            + ", not of " + family.name());
      }
    }
    targets = List.copyOf(sorted);
  }

  /** These dialects and {@code target}. */
  public Dialects<L, I, R> with(Target<I, R> target) {
    List<Target<I, R>> more = new ArrayList<>(targets);
    more.add(target);
    return new Dialects<>(family, more);
  }
}
