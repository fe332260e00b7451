package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.task.Value;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns about a quoted part of a {@code secrets[...]} key that contains spaces, such as {@code
 * secrets[tenant_key + " _api_key "]}: secret names are letters, digits and underscores, so that
 * key names no secret and the lookup fails at run time. The warning shows the key without spaces.
 */
final class SecretNameLint implements ValueChecker {

  /** A {@code secrets[} subscript, up to its closing bracket on the same line. */
  private static final Pattern SUBSCRIPT = Pattern.compile("secrets\\s*\\[([^\\]\\n]*)\\]");

  /** A string literal in single or double quotes, without escapes. */
  private static final Pattern LITERAL = Pattern.compile("(['\"])([^'\"\\\\\\n]*)\\1");

  @Override
  public void check(Value value, ValueSite site, Diagnostics diagnostics) {
    String source = source(value);
    if (source == null || !source.contains("secrets")) {
      return;
    }
    Matcher subscript = SUBSCRIPT.matcher(source);
    while (subscript.find()) {
      Matcher literal = LITERAL.matcher(subscript.group(1));
      while (literal.find()) {
        String text = literal.group(2);
        if (!text.isEmpty() && text.chars().anyMatch(Character::isWhitespace)) {
          String quote = literal.group(1);
          diagnostics.warning(
              value.position(),
              site.path(),
              "a secret name cannot contain spaces, so this key names no secret (found `"
                  + literal.group()
                  + "` in `secrets["
                  + subscript.group(1).strip()
                  + "]`); write `"
                  + quote
                  + text.replaceAll("\\s+", "")
                  + quote
                  + "`");
          return;
        }
      }
    }
  }

  private static String source(Value value) {
    if (value instanceof Value.Expression expression) {
      return expression.source();
    }
    if (value instanceof Value.FString fString) {
      return fString.source();
    }
    if (value instanceof Value.Jinja jinja) {
      return jinja.source();
    }
    return null;
  }
}
