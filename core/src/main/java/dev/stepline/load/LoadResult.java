package dev.stepline.load;

import dev.stepline.diag.Diagnostic;
import dev.stepline.task.Task;
import java.util.List;

/**
 * What loading a task file produced.
 *
 * @param task the normalised task, or {@code null} when the file has errors
 * @param diagnostics every error and warning found while loading, sorted by position
 */
public record LoadResult(Task task, List<Diagnostic> diagnostics) {
  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
