package dev.stepline.validate;

import dev.stepline.diag.Diagnostic;
import dev.stepline.diag.InvalidTaskException;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads task files from disk for the commands and helpers that need a valid task. */
public final class TaskFiles {

  private TaskFiles() {}

  /**
   * Loads and validates a task file.
   *
   * @return the task, when the file has no errors (warnings are allowed)
   * @throws InvalidTaskException holding every diagnostic when the file has at least one error
   * @throws UnreadableTaskFileException when the file cannot be read
   */
  public static Task readValid(Path file) {
    ValidationResult result = validate(file);
    if (result.hasErrors()) {
      throw new InvalidTaskException(result.diagnostics());
    }
    return result.task();
  }

  /** Loads and validates a task file, returning every diagnostic. */
  public static ValidationResult validate(Path file) {
    return new TaskValidator().validate(file.toString(), read(file));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnreadableTaskFileException(file, e);
    }
  }

  /** Returns a diagnostic for a file that cannot be read, for commands that report all files. */
  public static Diagnostic unreadable(Path file, IOException e) {
    String message = new UnreadableTaskFileException(file, e).getMessage();
    return Diagnostic.error(new SourcePosition(file.toString(), 0, 0), "", message);
  }
}
