package dev.stepline.expr.lib;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first syntax error in JSON text the way Python's {@code json} module reports it, so
 * that {@code json.loads} fails with Python's message and position ({@code Expecting value: line 1
 * column 1 (char 0)}) instead of the parser's own wording. It only scans; the values come from the
 * JSON parser.
 */
final class JsonErrorLocator {
  private static final Pattern NUMBER =
      Pattern.compile("-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
  private static final String ESCAPES = "\"\\/bfnrt";

  private final String text;

  private JsonErrorLocator(String text) {
    this.text = text;
  }

  /**
   * Returns Python's message for the first error in {@code text}, or empty when Python accepts it.
   */
  static Optional<String> describe(String text) {
    try {
      new JsonErrorLocator(text).document();
      return Optional.empty();
    } catch (SyntaxError e) {
      return Optional.of(e.getMessage());
    }
  }

  private void document() {
    int end = skipSpace(value(skipSpace(0)));
    if (end != text.length()) {
      throw error("Extra data", end);
    }
  }

  private int value(int at) {
    if (at >= text.length()) {
      throw error("Expecting value", at);
    }
    char c = text.charAt(at);
    if (c == '"') {
      return string(at);
    } else if (c == '{') {
      return object(at + 1);
    } else if (c == '[') {
      return array(at + 1);
    }
    for (String word : new String[] {"null", "true", "false", "NaN", "Infinity", "-Infinity"}) {
      if (text.startsWith(word, at)) {
        return at + word.length();
      }
    }
    Matcher number = NUMBER.matcher(text).region(at, text.length());
    if (number.lookingAt()) {
      return number.end();
    }
    throw error("Expecting value", at);
  }

  private int string(int quote) {
    int at = quote + 1;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') {
        return at + 1;
      } else if (c == '\\') {
        at = escape(quote, at);
      } else if (c < 0x20) {
        throw error("Invalid control character at", at);
      } else {
        at++;
      }
    }
    throw error("Unterminated string starting at", quote);
  }

  // Returns the index after the escape that starts with the backslash at {@code backslash}.
  private int escape(int quote, int backslash) {
    if (backslash + 1 >= text.length()) {
      throw error("Unterminated string starting at", quote);
    }
    char kind = text.charAt(backslash + 1);
    if (kind == 'u') {
      if (backslash + 6 > text.length()
          || !text.substring(backslash + 2, backslash + 6).matches("[0-9a-fA-F]{4}")) {
        throw error("Invalid \\uXXXX escape", backslash + 1);
      }
      return backslash + 6;
    }
    if (ESCAPES.indexOf(kind) < 0) {
      throw error("Invalid \\escape", backslash);
    }
    return backslash + 2;
  }

  private int object(int afterBrace) {
    int at = skipSpace(afterBrace);
    if (at < text.length() && text.charAt(at) == '}') {
      return at + 1;
    }
    while (true) {
      if (at >= text.length() || text.charAt(at) != '"') {
        throw error("Expecting property name enclosed in double quotes", at);
      }
      at = skipSpace(string(at));
      if (at >= text.length() || text.charAt(at) != ':') {
        throw error("Expecting ':' delimiter", at);
      }
      at = skipSpace(value(skipSpace(at + 1)));
      if (at < text.length() && text.charAt(at) == '}') {
        return at + 1;
      }
      if (at >= text.length() || text.charAt(at) != ',') {
        throw error("Expecting ',' delimiter", at);
      }
      at = skipSpace(at + 1);
    }
  }

  private int array(int afterBracket) {
    int at = skipSpace(afterBracket);
    if (at < text.length() && text.charAt(at) == ']') {
      return at + 1;
    }
    while (true) {
      at = skipSpace(value(at));
      if (at < text.length() && text.charAt(at) == ']') {
        return at + 1;
      }
      if (at >= text.length() || text.charAt(at) != ',') {
        throw error("Expecting ',' delimiter", at);
      }
      at = skipSpace(at + 1);
    }
  }

  private int skipSpace(int at) {
    while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    return at;
  }

  private SyntaxError error(String message, int at) {
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    long line = text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    return new SyntaxError(
        message + ": line " + line + " column " + (at - lineStart + 1) + " (char " + at + ")");
  }

  private static final class SyntaxError extends RuntimeException {
    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }
}
