package dev.stepline.expr;

/**
 * An error raised while parsing or evaluating an expression, with the Python exception type that
 * CPython would raise for the same expression.
 *
 * <p>{@link #getMessage()} is the message in Python's words (for a {@code KeyError} it is the repr
 * of the key, as Python prints it). {@link #column()} is the 1-based column inside the expression
 * source, or 0 when the error has no position.
 */
public class ExpressionException extends RuntimeException {
  private final String type;
  private final int column;
  private final String suggestion;

  public ExpressionException(String type, String message) {
    this(type, message, 0, null);
  }

  public ExpressionException(String type, String message, int column, String suggestion) {
    super(message, null, false, false);
    this.type = type;
    this.column = column;
    this.suggestion = suggestion;
  }

  /** Returns the Python exception type, such as {@code NameError} or {@code ZeroDivisionError}. */
  public String type() {
    return type;
  }

  /** Returns the 1-based column inside the expression source, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** Returns a close name the user may have meant, or null when there is none. */
  public String suggestion() {
    return suggestion;
  }

  /** Returns the message followed by the "did you mean" hint, for people to read. */
  public String describe() {
    return suggestion == null
        ? getMessage()
        : getMessage() + "; did you mean '" + suggestion + "'?";
  }

  /** Returns a copy that points at {@code column}, unless this error already has a column. */
  public ExpressionException at(int column) {
    if (this.column != 0 || column == 0) {
      return this;
    }
    return new ExpressionException(type, getMessage(), column, suggestion);
  }

  /** Returns a copy that carries {@code suggestion}. */
  public ExpressionException withSuggestion(String suggestion) {
    return new ExpressionException(type, getMessage(), column, suggestion);
  }

  @Override
  public String toString() {
    return type + ": " + describe();
  }
}
