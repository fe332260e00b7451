package dev.stepline.load;

import dev.stepline.task.SourcePosition;
import dev.stepline.task.Value;
import java.util.regex.Pattern;

/**
 * Classifies a YAML string by the task language rules.
 *
 * <ul>
 *   <li>{@code "$ expr"} (a dollar, then whitespace, at the start) is a Python expression;
 *   <li>a string containing <code>{{</code> or <code>{%</code> is a Jinja template;
 *   <li>a bare {@code _}, {@code _.x}, {@code _[...]}, {@code inputs[...]} or {@code outputs[...]}
 *       is an expression, as Julep's compatibility rule reads it;
 *   <li>any other string containing <code>{</code> is an f-string, and the rest are literals.
 * </ul>
 *
 * <p>In fields that only make sense as expressions ({@code if}, {@code case}, {@code over}, {@code
 * foreach.in}, {@code reduce}), every string that is not a template is an expression, as Julep's
 * legacy syntax wrote them without the {@code $} prefix.
 */
public final class StringValues {

  private static final Pattern LEGACY_EXPRESSION =
      Pattern.compile("_|_[.\\[].*|(inputs|outputs)\\[.*", Pattern.DOTALL);

  private StringValues() {}

  /**
   * Classifies {@code text}.
   *
   * @param position where the scalar starts
   * @param contentOffset columns between {@code position} and the first character of {@code text}
   *     (1 for a quoted scalar, 0 otherwise)
   * @param expressionField whether the field only takes expressions
   */
  public static Value classify(
      String text, SourcePosition position, int contentOffset, boolean expressionField) {
    int start = leadingWhitespace(text);
    if (isDollarExpression(text, start)) {
      int sourceStart = start + 1 + leadingWhitespace(text.substring(start + 1));
      return new Value.Expression(
          text.substring(sourceStart).strip(), contentOffset + sourceStart, position);
    }
    if (isTemplate(text)) {
      return new Value.Jinja(text, position);
    }
    String trimmed = text.strip();
    if (LEGACY_EXPRESSION.matcher(trimmed).matches() || (expressionField && !trimmed.isEmpty())) {
      return new Value.Expression(trimmed, contentOffset + start, position);
    }
    if (text.indexOf('{') >= 0) {
      return new Value.FString(text, position);
    }
    return new Value.Literal(text, position);
  }

  /** Returns whether {@code text} is a {@code $ } expression. */
  public static boolean isDollarExpression(String text) {
    return isDollarExpression(text, leadingWhitespace(text));
  }

  /** Returns whether {@code text} is a Jinja template. */
  public static boolean isTemplate(String text) {
    return text.contains("{{") || text.contains("{%");
  }

  private static boolean isDollarExpression(String text, int start) {
    return text.length() > start + 1
        && text.charAt(start) == '$'
        && Character.isWhitespace(text.charAt(start + 1));
  }

  private static int leadingWhitespace(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
