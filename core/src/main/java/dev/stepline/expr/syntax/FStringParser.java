package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;
import java.util.ArrayList;
import java.util.List;

/** Splits the body of an f-string into literal text and replacement fields. */
final class FStringParser {
  private final String body;
  private final int offset;
  private final boolean raw;
  private int pos;

  /**
   * @param body the text between the quotes
   * @param offset the 0-based source offset of the body's first character
   * @param raw whether backslash escapes in the literal text stay as written
   */
  FStringParser(String body, int offset, boolean raw) {
    this.body = body;
    this.offset = offset;
    this.raw = raw;
  }

  Nodes.FString parse() {
    List<Object> parts = parseUntil(false);
    return new Nodes.FString(offset + 1, parts);
  }

  /** Parses literal text and fields up to the end, or up to the '}' that closes a format spec. */
  private List<Object> parseUntil(boolean inSpec) {
    List<Object> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int textStart = pos;
    while (pos < body.length()) {
      char c = body.charAt(pos);
      if (c == '{') {
        if (!inSpec && pos + 1 < body.length() && body.charAt(pos + 1) == '{') {
          text.append('{');
          pos += 2;
          continue;
        }
        flush(parts, text, textStart);
        parts.add(field());
        textStart = pos;
      } else if (c == '}') {
        if (inSpec) {
          break;
        }
        if (pos + 1 < body.length() && body.charAt(pos + 1) == '}') {
          text.append('}');
          pos += 2;
          continue;
        }
        throw error("f-string: single '}' is not allowed", pos);
      } else {
        text.append(c);
        pos++;
      }
    }
    flush(parts, text, textStart);
    return parts;
  }

  private void flush(List<Object> parts, StringBuilder text, int start) {
    if (text.length() > 0) {
      parts.add(raw ? text.toString() : Strings.unescape(text.toString(), offset + start));
      text.setLength(0);
    }
  }

  private Nodes.Field field() {
    int open = pos;
    pos++;
    int exprStart = pos;
    int exprEnd = scanExpression();
    String source = body.substring(exprStart, exprEnd);
    if (source.isBlank()) {
      throw error("f-string: empty expression not allowed", open);
    }
    String debugText = null;
    if (pos < body.length() && body.charAt(pos) == '=') {
      pos++;
      while (pos < body.length() && body.charAt(pos) == ' ') {
        pos++;
      }
      debugText = body.substring(exprStart, pos);
    }
    Node value = Parser.parseField(source, offset + exprStart);
    char conversion = 0;
    if (pos < body.length() && body.charAt(pos) == '!') {
      if (pos + 1 >= body.length() || "sra".indexOf(body.charAt(pos + 1)) < 0) {
        throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'", pos);
      }
      conversion = body.charAt(pos + 1);
      pos += 2;
    }
    Node spec = null;
    if (pos < body.length() && body.charAt(pos) == ':') {
      pos++;
      int specStart = pos;
      List<Object> specParts = parseUntil(true);
      spec = new Nodes.FString(offset + specStart + 1, specParts);
    }
    if (pos >= body.length() || body.charAt(pos) != '}') {
      throw error("f-string: expecting '}'", open);
    }
    pos++;
    return new Nodes.Field(value, conversion, spec, debugText);
  }

  /** Returns the end of a field's expression: the first top-level '}', '!', ':' or '='. */
  private int scanExpression() {
    int depth = 0;
    while (pos < body.length()) {
      char c = body.charAt(pos);
      if (c == '\'' || c == '"') {
        skipString(c);
        continue;
      }
      if (c == '\\' && !raw) {
        throw error("f-string expression part cannot include a backslash", pos);
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
        depth--;
      } else if (depth == 0 && (c == '}' || c == ':')) {
        return pos;
      } else if (depth == 0 && c == '!' && !next('=')) {
        return pos;
      } else if (depth == 0 && c == '=' && !next('=') && "=!<>".indexOf(previous()) < 0) {
        return pos;
      }
      pos++;
    }
    throw error("f-string: expecting '}'", pos);
  }

  private boolean next(char c) {
    return pos + 1 < body.length() && body.charAt(pos + 1) == c;
  }

  private char previous() {
    return pos > 0 ? body.charAt(pos - 1) : ' ';
  }

  private void skipString(char quote) {
    int start = pos;
    pos++;
    while (pos < body.length() && body.charAt(pos) != quote) {
      if (body.charAt(pos) == '\\' && !raw) {
        throw error("f-string expression part cannot include a backslash", pos);
      }
      pos++;
    }
    if (pos >= body.length()) {
      throw error("f-string: unterminated string", start);
    }
    pos++;
  }

  private ExpressionException error(String message, int at) {
    return new ExpressionException("SyntaxError", message, offset + at + 1, null);
  }
}
