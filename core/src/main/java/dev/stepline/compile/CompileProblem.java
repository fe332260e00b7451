package dev.stepline.compile;

import dev.stepline.task.SourcePosition;

/**
 * An error or warning found while compiling, at the position of the step it concerns.
 *
 * @param message the rule broken, what was found and what to do, without the position prefix
 */
public record CompileProblem(Severity severity, SourcePosition position, String message) {

  /** How serious a problem is: errors stop the compilation, warnings do not. */
  public enum Severity {
    ERROR,
    WARNING
  }

  static CompileProblem error(SourcePosition position, String message) {
    return new CompileProblem(Severity.ERROR, position, message);
  }

  static CompileProblem warning(SourcePosition position, String message) {
    return new CompileProblem(Severity.WARNING, position, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Formats the problem as {@code FILE:LINE:COL: error: MESSAGE}. */
  @Override
  public String toString() {
    return position + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }
}
