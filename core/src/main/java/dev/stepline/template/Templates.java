package dev.stepline.template;

import java.util.List;
import java.util.Map;

/**
 * Renders Jinja templates with Jinja2 3.1 semantics as Julep task authors see them: {@code
 * trim_blocks} and {@code lstrip_blocks} on, a missing variable renders empty, values print as
 * Python prints them, and filters and tests behave as Jinja2's. Templates reach only the values in
 * {@code names} and Python-level attributes of them, never Java objects or methods.
 *
 * <p>Parsed templates are cached; the shared engine is thread-safe.
 */
public final class Templates {
  private static final TemplateEngine ENGINE = new TemplateEngine();

  private Templates() {}

  /**
   * Renders {@code source} with {@code names} as the top-level variables.
   *
   * @throws RuntimeException typed as Jinja2's exception ({@code UndefinedError}, {@code
   *     TemplateSyntaxError}, {@code TypeError}, ...) when the template is invalid or fails
   */
  public static String render(String source, Map<String, Object> names) {
    try {
      return ENGINE.render(source, names);
    } catch (TemplateFailure failure) {
      throw PythonValues.toException(failure);
    }
  }

  /** Returns the syntax errors of {@code source}, empty when it parses. */
  public static List<TemplateDiagnostic> check(String source) {
    return ENGINE.check(source).stream()
        .map(f -> new TemplateDiagnostic(f.type(), f.detail(), f.line(), f.column()))
        .toList();
  }
}
