package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.load.TaskLoader;
import dev.stepline.task.Task;

/** Loads and validates task files. */
public final class TaskValidator {

  private final TaskLoader loader = new TaskLoader();

  /** Loads and validates the bytes of a task file. */
  public ValidationResult validate(String fileName, byte[] bytes) {
    Diagnostics diagnostics = new Diagnostics();
    Task task = loader.loadInto(fileName, bytes, diagnostics);
    return result(task, diagnostics);
  }

  /** Loads and validates the text of a task file. */
  public ValidationResult validate(String fileName, String text) {
    Diagnostics diagnostics = new Diagnostics();
    Task task = loader.loadInto(fileName, text, diagnostics);
    return result(task, diagnostics);
  }

  private ValidationResult result(Task task, Diagnostics diagnostics) {
    return new ValidationResult(diagnostics.hasErrors() ? null : task, diagnostics.sorted());
  }
}
