package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;

/** Decodes the backslash escapes of Python string and bytes literals. */
final class Strings {
  private Strings() {}

  /** Decodes the escapes of a str literal body; {@code column0} is its 0-based source offset. */
  static String unescape(String body, int column0) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    return decode(body, column0, false);
  }

  /** Decodes the escapes of a bytes literal body, one char per byte. */
  static String unescapeBytes(String body, int column0) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    return decode(body, column0, true);
  }

  private static String decode(String body, int column0, boolean bytes) {
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        i++;
        continue;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case '\n' -> {}
        case '\\' -> out.append('\\');
        case '\'' -> out.append('\'');
        case '"' -> out.append('"');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> i = appendHex(out, body, i, 2, column0);
        case 'u' -> i = bytes ? keep(out, e, i) : appendHex(out, body, i, 4, column0);
        case 'U' -> i = bytes ? keep(out, e, i) : appendHex(out, body, i, 8, column0);
        case 'N' -> i = bytes ? keep(out, e, i) : appendNamed(out, body, i, column0);
        default -> {
          if (e >= '0' && e <= '7') {
            int end = i - 1;
            while (end < body.length()
                && end < i + 2
                && body.charAt(end) >= '0'
                && body.charAt(end) <= '7') {
              end++;
            }
            int value = Integer.parseInt(body.substring(i - 1, end), 8);
            out.append((char) (bytes ? value & 0xff : value));
            i = end;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private static int keep(StringBuilder out, char escape, int i) {
    out.append('\\').append(escape);
    return i;
  }

  private static int appendHex(StringBuilder out, String body, int i, int count, int column0) {
    if (i + count > body.length()
        || !body.substring(i, i + count).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
      throw new ExpressionException(
          "SyntaxError",
          "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\"
              + (count == 2 ? "xXX" : count == 4 ? "uXXXX" : "UXXXXXXXX")
              + " escape",
          column0 + 1,
          null);
    }
    int codePoint = (int) Long.parseLong(body.substring(i, i + count), 16);
    if (!Character.isValidCodePoint(codePoint)) {
      throw new ExpressionException(
          "SyntaxError",
          "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character",
          column0 + 1,
          null);
    }
    out.appendCodePoint(codePoint);
    return i + count;
  }

  private static int appendNamed(StringBuilder out, String body, int i, int column0) {
    int close = body.indexOf('}', i);
    if (i >= body.length() || body.charAt(i) != '{' || close < 0) {
      throw new ExpressionException(
          "SyntaxError",
          "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character"
              + " escape",
          column0 + 1,
          null);
    }
    String name = body.substring(i + 1, close);
    int codePoint;
    try {
      codePoint = Character.codePointOf(name);
    } catch (IllegalArgumentException e) {
      throw new ExpressionException(
          "SyntaxError",
          "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character"
              + " name",
          column0 + 1,
          null);
    }
    out.appendCodePoint(codePoint);
    return close + 1;
  }
}
