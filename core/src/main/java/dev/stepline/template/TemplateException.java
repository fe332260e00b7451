package dev.stepline.template;

import dev.stepline.expr.ExpressionException;

/**
 * A template that failed to parse or render, with Jinja2's exception type ({@code UndefinedError},
 * {@code TemplateSyntaxError}, {@code TypeError}, ...), Jinja2's message, and the position inside
 * the template.
 */
public final class TemplateException extends ExpressionException {
  private static final long serialVersionUID = 1L;

  private final int line;

  TemplateException(String type, String message, int line, int column) {
    super(type, message, column, null);
    this.line = line;
  }

  /** Returns the 1-based line inside the template, or 0 when unknown. */
  public int line() {
    return line;
  }
}
