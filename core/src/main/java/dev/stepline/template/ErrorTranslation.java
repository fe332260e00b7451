package dev.stepline.template;

import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jinjava's errors into failures with Jinja2's exception type names. */
final class ErrorTranslation {
  private static final Pattern UNKNOWN_FUNCTION =
      Pattern.compile("Could not resolve function '([^']+)'");

  private ErrorTranslation() {}

  /**
   * Returns the failure for {@code error}; {@code isBound} tells whether a name is bound, so a call
   * of a bound name that is not a function is a TypeError rather than undefined.
   */
  static TemplateFailure toFailure(TemplateError error, Predicate<String> isBound) {
    TemplateFailure raised = find(error.getException());
    if (raised != null) {
      return raised.at(error.getLineno(), error.getStartPosition());
    }
    Matcher function = UNKNOWN_FUNCTION.matcher(String.valueOf(error.getMessage()));
    if (function.find()) {
      String name = function.group(1);
      TemplateFailure failure =
          isBound.test(name)
              ? new TemplateFailure("TypeError", "'" + name + "' is not callable")
              : new TemplateFailure("UndefinedError", "'" + name + "' is undefined");
      return failure.at(error.getLineno(), error.getStartPosition());
    }
    if (error.getReason() == ErrorReason.DISABLED) {
      return disabled(error);
    }
    boolean syntax =
        error.getReason() == ErrorReason.SYNTAX_ERROR
            || error.getException() instanceof TemplateSyntaxException
            || String.valueOf(error.getMessage()).startsWith("Syntax error");
    String type = syntax ? "TemplateSyntaxError" : "TypeError";
    return new TemplateFailure(type, error.getMessage())
        .at(error.getLineno(), error.getStartPosition());
  }

  /** Returns the failure Jinja2 raises for a Jinjava feature that this engine disables. */
  private static TemplateFailure disabled(TemplateError error) {
    String name = String.valueOf(error.getFieldName());
    TemplateFailure failure;
    switch (error.getItem()) {
      case FILTER:
        failure = new TemplateFailure("TemplateAssertionError", "No filter named '" + name + "'.");
        break;
      case FUNCTION:
        failure = new TemplateFailure("UndefinedError", "'" + name + "' is undefined");
        break;
      default:
        failure =
            new TemplateFailure("TemplateSyntaxError", "Encountered unknown tag '" + name + "'.");
    }
    return failure.at(error.getLineno(), error.getStartPosition());
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
