package dev.stepline.expr.lib;

import java.util.Collection;

/** Finds the name closest to a misspelt one, for "did you mean" hints. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * Returns the candidate with the smallest edit distance to {@code name}, when that distance is at
   * most a third of the name's length (at least 1), or null.
   */
  public static String closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String candidate : candidates) {
      if (candidate.equals(name) || Math.abs(candidate.length() - name.length()) >= bestDistance) {
        continue;
      }
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (candidate.equalsIgnoreCase(name)) {
        distance = 0;
      }
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
