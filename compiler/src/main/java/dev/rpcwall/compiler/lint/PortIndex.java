package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which of a list of port sets hold a port: the ports cut at every set's boundaries into segments,
 * each with the positions of the sets that hold all of it (a set holds a segment wholly or not at
 * all). Sets of every port are kept apart, so the segments list only the narrower sets. Answers
 * come in position order, so the first one is the first in list order.
 */
final class PortIndex {
  private static final int[] NONE = new int[0];

  private final int[] everywhere;
  private final int[] starts;
  private final int[][] active;

  /** {@code sets.get(i)} null: position i holds nothing. */
  PortIndex(List<PortSet> sets) {
    List<Integer> all = new ArrayList<>();
    TreeMap<Integer, List<Integer>> opens = new TreeMap<>();
    TreeMap<Integer, List<Integer>> closes = new TreeMap<>();
    for (int i = 0; i < sets.size(); i++) {
      PortSet s = sets.get(i);
      if (s == null || s.isEmpty()) {
        continue;
      }
      if (s.isAll()) {
        all.add(i);
        continue;
      }
      for (PortRange r : s.ranges()) {
        opens.computeIfAbsent(r.first(), k -> new ArrayList<>()).add(i);
        if (r.last() < PortRange.MAX_PORT) {
          closes.computeIfAbsent(r.last() + 1, k -> new ArrayList<>()).add(i);
        }
      }
    }
    everywhere = all.stream().mapToInt(Integer::intValue).toArray();
    TreeSet<Integer> cuts = new TreeSet<>(opens.keySet());
    cuts.addAll(closes.keySet());
    cuts.add(0);
    starts = cuts.stream().mapToInt(Integer::intValue).toArray();
    active = new int[starts.length][];
    TreeSet<Integer> current = new TreeSet<>();
    for (int k = 0; k < starts.length; k++) {
      for (int i : closes.getOrDefault(starts[k], List.of())) {
        current.remove(i);
      }
      for (int i : opens.getOrDefault(starts[k], List.of())) {
        current.add(i);
      }
      active[k] = current.isEmpty() ? NONE : current.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The starts of the segments, ascending, the first 0. */
  int[] cuts() {
    return starts;
  }

  private int segment(int port) {
    int k = Arrays.binarySearch(starts, port);
    return k >= 0 ? k : -k - 2;
  }

  /** The positions of the sets holding {@code port}, ascending. */
  int[] at(int port) {
    return merge(everywhere, active[segment(port)]);
  }

  /** The positions of the sets sharing a port with {@code ports}, ascending. */
  int[] overlapping(PortSet ports) {
    TreeSet<Integer> out = new TreeSet<>();
    for (PortRange r : ports.ranges()) {
      for (int k = segment(r.first()); k < starts.length && starts[k] <= r.last(); k++) {
        for (int i : active[k]) {
          out.add(i);
        }
      }
    }
    return merge(everywhere, out.stream().mapToInt(Integer::intValue).toArray());
  }

  private static int[] merge(int[] a, int[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      if (j == b.length || (i < a.length && a[i] < b[j])) {
        out[n++] = a[i++];
      } else {
        out[n++] = b[j++];
      }
    }
    return out;
  }
}
