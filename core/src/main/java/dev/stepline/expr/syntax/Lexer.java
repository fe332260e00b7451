package dev.stepline.expr.syntax;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.PyBytes;
import dev.stepline.expr.syntax.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a Python expression into tokens. Newlines count as spaces, as inside brackets. */
final class Lexer {
  static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "not",
          "in",
          "is",
          "if",
          "else",
          "for",
          "lambda",
          "None",
          "True",
          "False",
          "async",
          "await",
          "yield",
          "def",
          "class",
          "return",
          "del",
          "pass",
          "import",
          "from",
          "global",
          "nonlocal",
          "while",
          "with",
          "as",
          "try",
          "except",
          "finally",
          "raise",
          "assert",
          "break",
          "continue",
          "elif");

  private static final String[] OPERATORS = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", ":=", "->",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "(", ")", "[", "]", "{", "}", ",", ":",
    ".", ";", "@", "=", "+", "-", "*", "/", "%", "&", "|", "^", "~", "<", ">", "!"
  };

  private final String source;
  private final int offset;
  private int pos;

  /**
   * @param source the expression text
   * @param offset the column offset of {@code source} inside a larger text, for f-string fields
   */
  Lexer(String source, int offset) {
    this.source = source;
    this.offset = offset;
  }

  List<Token> tokenize() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= source.length()) {
        tokens.add(new Token(Kind.END, "", null, pos + offset, pos + offset, false, 0));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpace() {
    while (pos < source.length()) {
      char c = source.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '\\' && pos + 1 < source.length() && source.charAt(pos + 1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (pos < source.length() && source.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token next() {
    char c = source.charAt(pos);
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < source.length() && Character.isDigit(source.charAt(pos + 1)))) {
      return number();
    }
    if (Character.isUnicodeIdentifierStart(c) || c == '_' || Character.isHighSurrogate(c)) {
      int start = pos;
      while (pos < source.length()
          && (Character.isUnicodeIdentifierPart(source.charAt(pos))
              || Character.isSurrogate(source.charAt(pos)))) {
        pos++;
      }
      String word = source.substring(start, pos);
      if (pos < source.length()
          && (source.charAt(pos) == '\'' || source.charAt(pos) == '"')
          && isStringPrefix(word)) {
        return string(start, word.toLowerCase());
      }
      Kind kind = KEYWORDS.contains(word) ? Kind.KEYWORD : Kind.NAME;
      return token(kind, word, null, start);
    }
    if (c == '\'' || c == '"') {
      return string(pos, "");
    }
    for (String operator : OPERATORS) {
      if (source.startsWith(operator, pos)) {
        int start = pos;
        pos += operator.length();
        return token(Kind.OPERATOR, operator, null, start);
      }
    }
    throw error("invalid character '" + c + "' (U+" + String.format("%04X", (int) c) + ")", pos);
  }

  private static boolean isStringPrefix(String word) {
    return switch (word.toLowerCase()) {
      case "r", "u", "b", "f", "br", "rb", "fr", "rf" -> true;
      default -> false;
    };
  }

  private Token token(Kind kind, String text, Object value, int start) {
    return new Token(kind, text, value, start + offset, pos + offset, false, 0);
  }

  // ---- numbers

  private Token number() {
    int start = pos;
    char c = source.charAt(pos);
    if (c == '0' && pos + 1 < source.length() && "xXoObB".indexOf(source.charAt(pos + 1)) >= 0) {
      return radixNumber(start);
    }
    digits();
    boolean isFloat = false;
    if (pos < source.length() && source.charAt(pos) == '.') {
      isFloat = true;
      pos++;
      digits();
    }
    if (pos < source.length() && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
      int mark = pos;
      pos++;
      if (pos < source.length() && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < source.length() && Character.isDigit(source.charAt(pos))) {
        digits();
        isFloat = true;
      } else {
        pos = mark;
      }
    }
    if (pos < source.length() && (source.charAt(pos) == 'j' || source.charAt(pos) == 'J')) {
      throw new ExpressionException(
          "SyntaxError", "complex numbers are not supported", start + offset + 1, null);
    }
    String text = source.substring(start, pos);
    String clean = text.replace("_", "");
    if (text.endsWith("_") || text.contains("__")) {
      throw error("invalid decimal literal", start);
    }
    if (pos < source.length() && Character.isUnicodeIdentifierStart(source.charAt(pos))) {
      throw error("invalid decimal literal", start);
    }
    if (isFloat) {
      return token(Kind.NUMBER, text, Double.parseDouble(clean), start);
    }
    if (clean.length() > 1 && clean.charAt(0) == '0' && !clean.matches("0+")) {
      throw error(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for"
              + " octal integers",
          start);
    }
    if (clean.length() > 4300) {
      throw new ExpressionException(
          "ValueError",
          "Exceeds the limit (4300 digits) for integer string conversion: value has "
              + clean.length()
              + " digits",
          start + offset + 1,
          null);
    }
    return token(Kind.NUMBER, text, intValue(new BigInteger(clean)), start);
  }

  private void digits() {
    while (pos < source.length()
        && (Character.isDigit(source.charAt(pos)) || source.charAt(pos) == '_')) {
      pos++;
    }
  }

  private Token radixNumber(int start) {
    char marker = Character.toLowerCase(source.charAt(pos + 1));
    int radix = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
    pos += 2;
    int digitsStart = pos;
    while (pos < source.length()
        && (Character.digit(source.charAt(pos), 16) >= 0 || source.charAt(pos) == '_')) {
      pos++;
    }
    String digits = source.substring(digitsStart, pos).replace("_", "");
    try {
      return token(
          Kind.NUMBER,
          source.substring(start, pos),
          intValue(new BigInteger(digits, radix)),
          start);
    } catch (NumberFormatException e) {
      throw error(
          "invalid " + (radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") + " literal",
          start);
    }
  }

  private static Object intValue(BigInteger value) {
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  // ---- strings

  private Token string(int start, String prefix) {
    boolean raw = prefix.contains("r");
    boolean bytes = prefix.contains("b");
    boolean format = prefix.contains("f");
    char quote = source.charAt(pos);
    boolean triple = source.startsWith(String.valueOf(quote).repeat(3), pos);
    int quoteLength = triple ? 3 : 1;
    pos += quoteLength;
    int bodyStart = pos;
    int bodyEnd = findStringEnd(quote, triple, start);
    String body = source.substring(bodyStart, bodyEnd);
    pos = bodyEnd + quoteLength;
    if (format) {
      return new Token(
          Kind.FSTRING, body, null, start + offset, pos + offset, raw, bodyStart + offset);
    }
    if (bytes) {
      return new Token(
          Kind.BYTES,
          body,
          decodeBytes(body, raw, bodyStart),
          start + offset,
          pos + offset,
          raw,
          0);
    }
    String value = raw ? body : Strings.unescape(body, bodyStart + offset);
    return new Token(Kind.STRING, value, value, start + offset, pos + offset, raw, 0);
  }

  private int findStringEnd(char quote, boolean triple, int start) {
    int i = pos;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (!triple) {
          return i;
        }
        if (source.startsWith(String.valueOf(quote).repeat(3), i)) {
          return i;
        }
      }
      if (c == '\n' && !triple) {
        break;
      }
      i++;
    }
    throw error(
        triple ? "unterminated triple-quoted string literal" : "unterminated string literal",
        start);
  }

  private PyBytes decodeBytes(String body, boolean raw, int bodyStart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < body.length(); i++) {
      if (body.charAt(i) > 0x7f) {
        throw error("bytes can only contain ASCII literal characters", bodyStart + i);
      }
    }
    String decoded = raw ? body : Strings.unescapeBytes(body, bodyStart + offset);
    for (int i = 0; i < decoded.length(); i++) {
      out.write(decoded.charAt(i));
    }
    return new PyBytes(out.toByteArray());
  }

  private ExpressionException error(String message, int at) {
    return new ExpressionException("SyntaxError", message, at + offset + 1, null);
  }
}
