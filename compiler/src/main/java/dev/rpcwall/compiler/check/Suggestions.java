package dev.rpcwall.compiler.check;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" hints: the closest candidate by edit distance, when it is close enough. */
public final class Suggestions {
  private Suggestions() {}

  /** {@code did you mean 'x'?} for the nearest candidate, or empty when none is near. */
  public static Optional<String> didYouMean(String name, Collection<String> candidates) {
    return nearest(name, candidates).map(c -> c.equalsIgnoreCase(name)
        ? "did you mean '" + c + "'? (names are case-sensitive)"
        : "did you mean '" + c + "'?");
  }

  /**
   * The candidate with the smallest edit distance to {@code name} (ties: the first in iteration
   * order), if that distance is at most a third of the name's length (and at least 1), so
   * unrelated names are never suggested.
   */
  public static Optional<String> nearest(String name, Collection<String> candidates) {
    int limit = Math.max(1, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (Math.abs(c.length() - name.length()) > limit) {
        continue;
      }
      int d = distance(name, c, limit);
      if (d <= limit && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Levenshtein distance, case-insensitive (so {@code Admins} suggests {@code admins}), giving up
   * early with {@code limit + 1} once every path exceeds {@code limit}.
   */
  static int distance(String a, String b, int limit) {
    String x = a.toLowerCase(java.util.Locale.ROOT);
    String y = b.toLowerCase(java.util.Locale.ROOT);
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= y.length(); j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()];
  }
}
