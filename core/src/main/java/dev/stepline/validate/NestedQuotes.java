package dev.stepline.validate;

/**
 * Rewrites an f-string that reuses its own quote inside a {@code {...}} part, such as {@code
 * f"id={_["id"]}"}, with the other quote inside: Python accepts the first form only from 3.12 on,
 * and the expression engine reads f-strings as Python 3.11 does.
 */
final class NestedQuotes {

  private NestedQuotes() {}

  /** Returns {@code source} with quotes swapped inside f-string parts, or null if none is. */
  static String swapped(String source) {
    StringBuilder out = new StringBuilder(source);
    boolean changed = false;
    int i = 0;
    while (i < source.length() - 1) {
      char quote = source.charAt(i + 1);
      boolean start =
          (source.charAt(i) == 'f' || source.charAt(i) == 'F')
              && (quote == '"' || quote == '\'')
              && (i == 0 || !Character.isLetterOrDigit(source.charAt(i - 1)));
      if (!start) {
        i++;
        continue;
      }
      char other = quote == '"' ? '\'' : '"';
      int depth = 0;
      int j = i + 2;
      for (; j < source.length(); j++) {
        char c = source.charAt(j);
        if (c == '{') {
          depth++;
        } else if (c == '}' && depth > 0) {
          depth--;
        } else if (c == quote && depth > 0) {
          out.setCharAt(j, other);
          changed = true;
        } else if (c == quote) {
          break;
        }
      }
      i = j + 1;
    }
    return changed ? out.toString() : null;
  }
}
