package dev.stepline.template;

/** Reads the Python-style type and message of an exception that {@link Templates} threw. */
final class TemplateErrors {
  private TemplateErrors() {}

  static String type(RuntimeException e) {
    return e instanceof TemplateFailure
        ? ((TemplateFailure) e).type()
        : e.getClass().getSimpleName();
  }

  static String message(RuntimeException e) {
    return e instanceof TemplateFailure ? ((TemplateFailure) e).detail() : e.getMessage();
  }
}
