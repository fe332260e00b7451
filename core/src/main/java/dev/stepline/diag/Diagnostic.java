package dev.stepline.diag;

import dev.stepline.task.SourcePosition;
import java.util.Comparator;

/**
 * One problem found in a task file.
 *
 * @param severity whether the problem makes the task invalid
 * @param position where the problem is in the file
 * @param path the YAML path of the offending node, such as {@code main[1].prompt[0].role}, or an
 *     empty string for the document itself
 * @param message the rule broken, what the user wrote and what to do, without the position
 */
public record Diagnostic(Severity severity, SourcePosition position, String path, String message) {

  /** Orders diagnostics by file, line and column, then errors before warnings. */
  public static final Comparator<Diagnostic> BY_POSITION =
      Comparator.comparing((Diagnostic d) -> d.position().file())
          .thenComparingInt(d -> d.position().line())
          .thenComparingInt(d -> d.position().column())
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::message);

  public static Diagnostic error(SourcePosition position, String path, String message) {
    return new Diagnostic(Severity.ERROR, position, path, message);
  }

  public static Diagnostic warning(SourcePosition position, String path, String message) {
    return new Diagnostic(Severity.WARNING, position, path, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * Formats the diagnostic as {@code FILE:LINE:COL: error: MESSAGE}, or {@code FILE: error:
   * MESSAGE} when it has no line.
   */
  public String format() {
    if (position.line() == 0) {
      return position.file() + ": " + severity.label() + ": " + message;
    }
    return position.file()
        + ":"
        + position.line()
        + ":"
        + position.column()
        + ": "
        + severity.label()
        + ": "
        + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
