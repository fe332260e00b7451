package dev.stepline.template;

/**
 * A failure inside the template engine with Jinja2's exception type name ({@code UndefinedError},
 * {@code TemplateSyntaxError}, {@code TypeError}, ...), raised through Jinjava and turned into the
 * public exception by {@link PythonValues#toException}.
 */
final class TemplateFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final String detail;
  private int line;
  private int column;

  TemplateFailure(String type, String detail) {
    super(type + ": " + detail, null, false, false);
    this.type = type;
    this.detail = detail;
  }

  String type() {
    return type;
  }

  String detail() {
    return detail;
  }

  /** Returns the 1-based line inside the template, or 0 when unknown. */
  int line() {
    return line;
  }

  /** Returns the 1-based column inside the template, or 0 when unknown. */
  int column() {
    return column;
  }

  TemplateFailure at(int line, int column) {
    if (this.line <= 0) {
      this.line = Math.max(line, 0);
      this.column = Math.max(column, 0);
    }
    return this;
  }
}
