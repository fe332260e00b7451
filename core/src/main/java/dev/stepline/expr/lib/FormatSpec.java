package dev.stepline.expr.lib;

import dev.stepline.expr.ExpressionException;

/**
 * A parsed format specification: {@code
 * [[fill]align][sign][z][#][0][width][grouping][.precision][type]}.
 */
final class FormatSpec {
  char fill = ' ';
  char align = 0;
  char sign = '-';
  boolean noNegativeZero;
  boolean alternate;
  int width = -1;
  char grouping = 0;
  int precision = -1;
  char type = 0;

  static FormatSpec parse(String spec) {
    FormatSpec parsed = new FormatSpec();
    int i = 0;
    int n = spec.length();
    if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
      parsed.fill = spec.charAt(0);
      parsed.align = spec.charAt(1);
      i = 2;
    } else if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) {
      parsed.align = spec.charAt(0);
      i = 1;
    }
    if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
      parsed.sign = spec.charAt(i++);
    }
    if (i < n && spec.charAt(i) == 'z') {
      parsed.noNegativeZero = true;
      i++;
    }
    if (i < n && spec.charAt(i) == '#') {
      parsed.alternate = true;
      i++;
    }
    if (i < n && spec.charAt(i) == '0') {
      if (parsed.align == 0) {
        parsed.fill = '0';
        parsed.align = '=';
      }
      i++;
    }
    int start = i;
    while (i < n && Character.isDigit(spec.charAt(i))) {
      i++;
    }
    if (i > start) {
      parsed.width = Integer.parseInt(spec.substring(start, i));
    }
    if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
      parsed.grouping = spec.charAt(i++);
    }
    if (i < n && spec.charAt(i) == '.') {
      i++;
      start = i;
      while (i < n && Character.isDigit(spec.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw new ExpressionException("ValueError", "Format specifier missing precision");
      }
      parsed.precision = Integer.parseInt(spec.substring(start, i));
    }
    if (i < n) {
      parsed.type = spec.charAt(i++);
    }
    if (i < n) {
      throw new ExpressionException("ValueError", "Invalid format specifier '" + spec + "'");
    }
    return parsed;
  }

  /** Pads {@code body} (with {@code prefix}, such as a sign, kept before '=' padding) to width. */
  String pad(String prefix, String body, char defaultAlign) {
    char alignment = align == 0 ? defaultAlign : align;
    int length = prefix.codePointCount(0, prefix.length()) + body.codePointCount(0, body.length());
    if (width <= length) {
      return prefix + body;
    }
    String padding = String.valueOf(fill).repeat(width - length);
    return switch (alignment) {
      case '<' -> prefix + body + padding;
      case '^' -> {
        int left = (width - length) / 2;
        yield String.valueOf(fill).repeat(left)
            + prefix
            + body
            + String.valueOf(fill).repeat(width - length - left);
      }
      case '=' -> prefix + padding + body;
      default -> padding + prefix + body;
    };
  }
}
