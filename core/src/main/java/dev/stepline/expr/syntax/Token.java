package dev.stepline.expr.syntax;

/**
 * One token of an expression.
 *
 * @param kind what the token is
 * @param text the operator, name or keyword as written; for strings the decoded value
 * @param value the literal value of a number, string or bytes token, else null
 * @param start 0-based offset of the first character in the source
 * @param end 0-based offset after the last character
 * @param raw for an f-string, whether it had an {@code r} prefix
 * @param bodyStart for an f-string, the offset of the first character after the opening quote
 */
record Token(Kind kind, String text, Object value, int start, int end, boolean raw, int bodyStart) {

  enum Kind {
    NAME,
    KEYWORD,
    NUMBER,
    STRING,
    BYTES,
    FSTRING,
    OPERATOR,
    END
  }

  boolean is(Kind kind, String text) {
    return this.kind == kind && this.text.equals(text);
  }

  boolean isOperator(String text) {
    return kind == Kind.OPERATOR && this.text.equals(text);
  }

  boolean isKeyword(String text) {
    return kind == Kind.KEYWORD && this.text.equals(text);
  }

  /** Returns how the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "end of expression";
      case STRING, BYTES, FSTRING -> "string literal";
      case NUMBER -> "number " + text;
      default -> "'" + text + "'";
    };
  }
}
