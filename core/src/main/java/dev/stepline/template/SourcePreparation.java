package dev.stepline.template;

/**
 * Applies Jinja2's whitespace rules to template source before Jinjava parses it, because
 * Jinjava's own {@code lstrip_blocks} also strips spaces after text on the same line.
 *
 * <ul>
 *   <li>{@code lstrip_blocks}: spaces and tabs between the start of a line and a block tag or
 *       comment are removed, unless the tag opens with {@code {%+}.
 *   <li>{@code keep_trailing_newline=False}: one newline at the end of the template is removed.
 * </ul>
 */
final class SourcePreparation {
  private SourcePreparation() {}

  static String prepare(String source) {
    String stripped = lstripBlocks(source);
    if (stripped.endsWith("\r\n")) {
      return stripped.substring(0, stripped.length() - 2);
    }
    if (stripped.endsWith("\n")) {
      return stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }

  private static String lstripBlocks(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int lineStart = 0;
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\n') {
        out.append(c);
        lineStart = out.length();
        i++;
        continue;
      }
      if (c == '{' && i + 1 < source.length()) {
        char next = source.charAt(i + 1);
        if (next == '%' || next == '#') {
          boolean keep = next == '%' && i + 2 < source.length() && source.charAt(i + 2) == '+';
          if (!keep && onlyBlanksSince(out, lineStart)) {
            out.setLength(lineStart);
          }
          int end = source.indexOf(next == '%' ? "%}" : "#}", i + 2);
          int stop = end < 0 ? source.length() : end + 2;
          out.append(c).append(next);
          int bodyStart = keep ? i + 3 : i + 2;
          out.append(source, bodyStart, stop);
          i = stop;
          continue;
        }
        if (next == '{') {
          int end = source.indexOf("}}", i + 2);
          int stop = end < 0 ? source.length() : end + 2;
          out.append(source, i, stop);
          i = stop;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean onlyBlanksSince(StringBuilder out, int lineStart) {
    for (int k = lineStart; k < out.length(); k++) {
      char c = out.charAt(k);
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
