package dev.stepline.validate;

import dev.stepline.diag.Diagnostic;
import dev.stepline.task.Task;
import java.util.List;

/**
 * What validating a task file produced.
 *
 * @param task the task, or {@code null} when the file has errors
 * @param diagnostics every error and warning of the file, sorted by position
 */
public record ValidationResult(Task task, List<Diagnostic> diagnostics) {
  public ValidationResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
