package dev.stepline.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's string operations that filters and methods share. */
final class Strings {
  private Strings() {}

  /** Returns Python's {@code str.title()}: each run of letters starts upper case. */
  static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean previousCased = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        out.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
        previousCased = true;
      } else {
        out.append(c);
        previousCased = false;
      }
    }
    return out.toString();
  }

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

  /**
   * Returns Python's {@code str.split(separator, maxsplit)}; a null separator splits on whitespace.
   */
  static List<Object> split(String text, String separator, int maxSplit) {
    List<Object> parts = new ArrayList<>();
    if (separator == null) {
      String rest = text.strip();
      while (!rest.isEmpty()) {
        if (maxSplit >= 0 && parts.size() == maxSplit) {
          parts.add(rest);
          return parts;
        }
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
          end++;
        }
        parts.add(rest.substring(0, end));
        rest = rest.substring(end).stripLeading();
      }
      return parts;
    }
    if (separator.isEmpty()) {
      throw new TemplateFailure("ValueError", "empty separator");
    }
    int from = 0;
    while (maxSplit < 0 || parts.size() < maxSplit) {
      int at = text.indexOf(separator, from);
      if (at < 0) {
        break;
      }
      parts.add(text.substring(from, at));
      from = at + separator.length();
    }
    parts.add(text.substring(from));
    return parts;
  }

  /** Returns Python's {@code separator.join(items)}, which requires every item to be a string. */
  static String join(String separator, Object items) {
    StringBuilder out = new StringBuilder();
    int index = 0;
    for (Object item : Filters.list(items)) {
      if (!(item instanceof String)) {
        throw new TemplateFailure(
            "TypeError",
            "sequence item "
                + index
                + ": expected str instance, "
                + PythonValues.typeName(item)
                + " found");
      }
      if (index > 0) {
        out.append(separator);
      }
      out.append(item);
      index++;
    }
    return out.toString();
  }

  static long count(String text, String part) {
    if (part.isEmpty()) {
      return text.length() + 1L;
    }
    long found = 0;
    int from = 0;
    while ((from = text.indexOf(part, from)) >= 0) {
      found++;
      from += part.length();
    }
    return found;
  }

  static String zfill(String text, int width) {
    if (text.length() >= width) {
      return text;
    }
    String zeros = "0".repeat(width - text.length());
    if (text.startsWith("-") || text.startsWith("+")) {
      return text.charAt(0) + zeros + text.substring(1);
    }
    return zeros + text;
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

  /** Returns Python's {@code str.format} for positional {@code {}} and {@code {0}} fields. */
  static String format(String template, Object[] args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
        out.append('{');
        i++;
      } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        out.append('}');
        i++;
      } else if (c == '{') {
        int close = template.indexOf('}', i);
        if (close < 0) {
          throw new TemplateFailure("ValueError", "Single '{' encountered in format string");
        }
        String field = template.substring(i + 1, close);
        int index = field.isEmpty() ? next++ : Integer.parseInt(field);
        if (index >= args.length) {
          throw new TemplateFailure(
              "IndexError",
              "Replacement index " + index + " out of range for positional args tuple");
        }
        out.append(PythonValues.str(args[index]));
        i = close;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
