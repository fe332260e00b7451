package dev.stepline.template;

/**
 * A syntax error in a template, positioned inside the template text.
 *
 * @param type Jinja2's exception type name, such as {@code TemplateSyntaxError}
 * @param message the message without position
 * @param line the 1-based line inside the template, or 0 when Jinjava does not know it
 * @param column the 1-based column inside the template, or 0 when Jinjava does not know it
 */
public record TemplateDiagnostic(String type, String message, int line, int column) {}
