package dev.rpcwall.compiler.semantics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** An immutable set of ports 0-65535, kept as sorted, disjoint, non-adjacent ranges. */
public final class PortSet {
  private static final PortSet EMPTY = new PortSet(new int[0]);
  private static final PortSet ALL = new PortSet(new int[] {0, PortRange.MAX_PORT});

  /** Pairs first0, last0, first1, last1, ...; sorted, disjoint, never adjacent. */
  private final int[] bounds;

  private PortSet(int[] bounds) {
    this.bounds = bounds;
  }

  public static PortSet empty() {
    return EMPTY;
  }

  public static PortSet all() {
    return ALL;
  }

  public static PortSet of(int port) {
    return of(PortRange.of(port));
  }

  public static PortSet of(int first, int last) {
    return of(PortRange.of(first, last));
  }

  public static PortSet of(PortRange range) {
    return new PortSet(new int[] {range.first(), range.last()});
  }

  public static PortSet of(Collection<PortRange> ranges) {
    PortRange[] sorted = ranges.toArray(new PortRange[0]);
    Arrays.sort(sorted);
    int[] out = new int[sorted.length * 2];
    int n = 0;
    for (PortRange r : sorted) {
      if (n > 0 && r.first() <= out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], r.last());
      } else {
        out[n++] = r.first();
        out[n++] = r.last();
      }
    }
    return n == 0 ? EMPTY : new PortSet(Arrays.copyOf(out, n));
  }

  public boolean isEmpty() {
    return bounds.length == 0;
  }

  public boolean isAll() {
    return bounds.length == 2 && bounds[0] == 0 && bounds[1] == PortRange.MAX_PORT;
  }

  public boolean contains(int port) {
    int lo = 0;
    int hi = bounds.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (port < bounds[2 * mid]) {
        hi = mid - 1;
      } else if (port > bounds[2 * mid + 1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** Whether some port of {@code range} is in the set (binary search, no allocation). */
  public boolean intersects(PortRange range) {
    // The first interval whose last port is at or after range.first must start by range.last.
    int lo = 0;
    int hi = bounds.length / 2;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bounds[2 * mid + 1] < range.first()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < bounds.length / 2 && bounds[2 * lo] <= range.last();
  }

  /** Number of ports in the set. */
  public int size() {
    int n = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      n += bounds[i + 1] - bounds[i] + 1;
    }
    return n;
  }

  public List<PortRange> ranges() {
    List<PortRange> out = new ArrayList<>(bounds.length / 2);
    for (int i = 0; i < bounds.length; i += 2) {
      out.add(new PortRange(bounds[i], bounds[i + 1]));
    }
    return out;
  }

  public PortSet union(PortSet other) {
    List<PortRange> all = new ArrayList<>(ranges());
    all.addAll(other.ranges());
    return of(all);
  }

  public PortSet complement() {
    List<PortRange> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      if (bounds[i] > next) {
        out.add(new PortRange(next, bounds[i] - 1));
      }
      next = bounds[i + 1] + 1;
    }
    if (next <= PortRange.MAX_PORT) {
      out.add(new PortRange(next, PortRange.MAX_PORT));
    }
    return of(out);
  }

  public PortSet intersect(PortSet other) {
    List<PortRange> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < bounds.length && j < other.bounds.length) {
      int lo = Math.max(bounds[i], other.bounds[j]);
      int hi = Math.min(bounds[i + 1], other.bounds[j + 1]);
      if (lo <= hi) {
        out.add(new PortRange(lo, hi));
      }
      if (bounds[i + 1] < other.bounds[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return of(out);
  }

  public PortSet minus(PortSet other) {
    return intersect(other.complement());
  }

  public boolean intersects(PortSet other) {
    return !intersect(other).isEmpty();
  }

  public boolean containsAll(PortSet other) {
    return other.minus(this).isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PortSet p && Arrays.equals(bounds, p.bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }

  /** {@code 135,5001-5021}: the netsh/registry list form. */
  @Override
  public String toString() {
    return ranges().stream().map(PortRange::toString).collect(Collectors.joining(","));
  }
}
