package dev.stepline.template;

import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jinjava's errors into failures with Jinja2's exception type names. */
final class ErrorTranslation {
  private static final Pattern UNKNOWN_FUNCTION =
      Pattern.compile("Could not resolve function '([^']+)'");

  private ErrorTranslation() {}

  static TemplateFailure toFailure(TemplateError error) {
    TemplateFailure raised = find(error.getException());
    if (raised != null) {
      return raised.at(error.getLineno(), error.getStartPosition());
    }
    Matcher function = UNKNOWN_FUNCTION.matcher(String.valueOf(error.getMessage()));
    if (function.find()) {
      return new TemplateFailure("UndefinedError", "'" + function.group(1) + "' is undefined")
          .at(error.getLineno(), error.getStartPosition());
    }
    String type =
        error.getReason() == ErrorReason.SYNTAX_ERROR ? "TemplateSyntaxError" : "TypeError";
    return new TemplateFailure(type, error.getMessage())
        .at(error.getLineno(), error.getStartPosition());
  }

  /** Returns the {@link TemplateFailure} in the cause chain of {@code thrown}, or null. */
  static TemplateFailure find(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof TemplateFailure) {
        return (TemplateFailure) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
