package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.task.Value;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns about a {@code $ } that is not at the start of a string, such as {@code "Bearer $
 * secrets.api_key"}: only a leading {@code $ } makes an expression, so the text is sent as written.
 * The warning shows the f-string the user probably meant.
 *
 * <p>Inside {@code $ } expressions it warns about <code>{{ x }}</code> in an f-string, which Python
 * prints as braces instead of interpolating.
 */
final class DollarLint implements ValueChecker {

  /** A {@code $ } followed by what starts a name, a template or an f-string part. */
  private static final Pattern INNER_DOLLAR = Pattern.compile("\\$\\s+(?=[A-Za-z_{(\\[])");

  /** A name with attribute and index accesses, as in {@code secrets.api_key} or {@code _['x']}. */
  private static final Pattern REFERENCE =
      Pattern.compile("[A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*|\\[[^\\]\\n]*\\])*");

  private static final Pattern DOUBLE_BRACES =
      Pattern.compile("\\$?\\s*\\{\\{\\s*([^{}]+?)\\s*\\}\\}");

  private static final Pattern FSTRING_START = Pattern.compile("(?<![\\w])[fF][rR]?['\"]");

  private static final int MAX_SUGGESTION = 100;

  @Override
  public void check(Value value, ValueSite site, Diagnostics diagnostics) {
    if (value instanceof Value.Expression expression) {
      checkExpression(expression, site, diagnostics);
      return;
    }
    String text = text(value);
    if (text == null || text.strip().startsWith("$")) {
      return;
    }
    Matcher matcher = INNER_DOLLAR.matcher(text);
    if (!matcher.find()) {
      return;
    }
    diagnostics.warning(
        value.position(),
        site.path(),
        "`$ ` in the middle of a string is not an expression, so it is sent as written (found `"
            + echo(text)
            + "`); "
            + fix(text));
  }

  private static void checkExpression(
      Value.Expression expression, ValueSite site, Diagnostics diagnostics) {
    String source = expression.source();
    if (!FSTRING_START.matcher(source).find()) {
      return;
    }
    Matcher matcher = DOUBLE_BRACES.matcher(source);
    if (!matcher.find()) {
      return;
    }
    diagnostics.warning(
        expression.position(),
        site.path(),
        "`{{ ... }}` inside an f-string prints the braces as text instead of the value (found `"
            + echo(matcher.group())
            + "`); write `{"
            + matcher.group(1)
            + "}` to interpolate");
  }

  /** Returns the f-string that interpolates what follows each inner {@code $ }. */
  static String fix(String text) {
    StringBuilder body = new StringBuilder();
    int last = 0;
    Matcher matcher = INNER_DOLLAR.matcher(text);
    while (matcher.find()) {
      body.append(text, last, matcher.start());
      int after = matcher.end();
      Matcher reference = REFERENCE.matcher(text).region(after, text.length());
      if (reference.lookingAt()) {
        body.append('{').append(reference.group()).append('}');
        last = reference.end();
      } else {
        last = after;
      }
    }
    body.append(text.substring(last));
    String fixed = body.toString().strip();
    if (fixed.contains("{{")) {
      return "remove the `$ ` before the template part: `" + echo(fixed) + "`";
    }
    char quote = fixed.contains("\"") ? '\'' : '"';
    String suggestion = "$ f" + quote + fixed + quote;
    if (suggestion.length() > MAX_SUGGESTION || fixed.contains("\n")) {
      return "to interpolate, make the whole string a `$ f\"...\"` expression and write"
          + " `{name}` where the `$ name` is";
    }
    return "to interpolate, write `" + suggestion + "`";
  }

  private static String text(Value value) {
    if (value instanceof Value.Literal literal && literal.value() instanceof String text) {
      return text;
    }
    if (value instanceof Value.FString fString) {
      return fString.source();
    }
    if (value instanceof Value.Jinja jinja) {
      return jinja.source();
    }
    return null;
  }

  private static String echo(String text) {
    String oneLine = text.strip().replace("\n", "\\n");
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
