package dev.stepline.template;

import dev.stepline.expr.ExpressionException;

/** Reads the Python-style type and message of an exception that {@link Templates} threw. */
final class TemplateErrors {
  private TemplateErrors() {}

  static String type(RuntimeException e) {
    return e instanceof ExpressionException
        ? ((ExpressionException) e).type()
        : e.getClass().getSimpleName();
  }

  static String message(RuntimeException e) {
    return e.getMessage();
  }
}
