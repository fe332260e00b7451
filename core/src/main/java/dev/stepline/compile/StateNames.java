package dev.stepline.compile;

import dev.stepline.task.Step;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Builds the state names of one state machine from step paths and labels, such as {@code main[2]
 * fetch_data}, and keeps them unique and within the 80-character limit of Step Functions.
 */
final class StateNames {
  /** Maximum length of a state name in Step Functions. */
  static final int MAX_LENGTH = 80;

  private static final int HASH_LENGTH = 8;

  private final Set<String> used = new HashSet<>();

  /**
   * Returns the name of a step's first state: the path (prefixed by the calls that inlined it) and
   * the label, or the step kind when the step has no label.
   */
  static String base(String prefix, Step step) {
    String label = step.info().label();
    String title = label == null || label.isBlank() ? step.kindName() : clean(label);
    return prefix + step.info().path() + " " + title;
  }

  /**
   * Reserves {@code name}, shortened to {@link #MAX_LENGTH} characters when it is longer: the
   * shortened name keeps its start and ends with {@code ~} and eight hex digits of the SHA-256 of
   * the full name, so it stays stable and unique.
   */
  String reserve(String name) {
    String fitted = fit(name);
    if (!used.add(fitted)) {
      throw new IllegalStateException("Two states of one state machine are named " + fitted);
    }
    return fitted;
  }

  static String fit(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String hash = sha256(name).substring(0, HASH_LENGTH);
    int cut = MAX_LENGTH - HASH_LENGTH - 1;
    if (Character.isHighSurrogate(name.charAt(cut - 1))) {
      cut--;
    }
    return name.substring(0, cut) + "~" + hash;
  }

  private static String clean(String label) {
    StringBuilder text = new StringBuilder();
    label
        .strip()
        .codePoints()
        .forEach(c -> text.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    return text.toString();
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
