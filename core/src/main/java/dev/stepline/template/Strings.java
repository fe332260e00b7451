package dev.stepline.template;

import java.util.Locale;

/** Python's string operations that filters and methods share. */
final class Strings {
  private Strings() {}

  /** Returns Python's {@code str.capitalize()}. */
  static String capitalize(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return text.substring(0, 1).toUpperCase(Locale.ROOT)
        + text.substring(1).toLowerCase(Locale.ROOT);
  }

  /** Returns Python's {@code str.replace(old, new, count)}; a negative count replaces all. */
  static String replace(String text, String old, String replacement, long count) {
    if (old.isEmpty()) {
      StringBuilder out = new StringBuilder();
      long done = 0;
      for (int i = 0; i <= text.length(); i++) {
        if (count < 0 || done < count) {
          out.append(replacement);
          done++;
        }
        if (i < text.length()) {
          out.append(text.charAt(i));
        }
      }
      return out.toString();
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    long done = 0;
    while (count < 0 || done < count) {
      int at = text.indexOf(old, from);
      if (at < 0) {
        break;
      }
      out.append(text, from, at).append(replacement);
      from = at + old.length();
      done++;
    }
    return out.append(text.substring(from)).toString();
  }

  /** Returns Python's {@code str.strip(chars)} and its one-sided forms. */
  static String strip(String text, String chars, boolean left, boolean right) {
    int start = 0;
    int end = text.length();
    while (left && start < end && stripped(text.charAt(start), chars)) {
      start++;
    }
    while (right && end > start && stripped(text.charAt(end - 1), chars)) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean stripped(char c, String chars) {
    return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
  }
}
