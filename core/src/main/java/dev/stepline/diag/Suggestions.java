package dev.stepline.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known name closest to a misspelt one, for "did you mean" hints. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * Returns the candidate closest to {@code written} by edit distance, when it is close enough to
   * be a likely typo: at most a third of the longer name's length, and at most 3 edits.
   */
  public static Optional<String> closest(String written, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(written.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.min(3, Math.max(1, Math.max(written.length(), best.length()) / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /**
   * Returns the candidate other than {@code name} itself with the smallest edit distance to it,
   * when that distance is at most a third of the name's length (at least 1), or null. Expression
   * errors use this rule; unlike {@link #closest} it does not cap the distance at 3 edits.
   */
  public static String closestOrNull(String name, Collection<String> candidates) {
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

  /** Returns {@code "; did you mean `x`?"} for the closest candidate, or an empty string. */
  public static String didYouMean(String written, Collection<String> candidates) {
    return closest(written, candidates).map(s -> "; did you mean `" + s + "`?").orElse("");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
