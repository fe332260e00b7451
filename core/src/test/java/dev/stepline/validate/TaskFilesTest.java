package dev.stepline.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stepline.diag.Diagnostic;
import dev.stepline.diag.InvalidTaskException;
import dev.stepline.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskFilesTest {

  @TempDir Path dir;

  @Test
  void readValidReturnsTaskDespiteWarnings() throws IOException {
    Path file = dir.resolve("warned.yaml");
    Files.writeString(file, "name: warned\nunknown_key: 1\nmain:\n  - log: hi\n");

    Task task = TaskFiles.readValid(file);

    assertThat(task.name()).isEqualTo("warned");
    assertThat(task.main().steps()).hasSize(1);
  }

  @Test
  void readValidThrowsWithEveryDiagnostic() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "name: bad\nmain:\n  - tool: missing\n  - log: x\n    label: '3'\n");

    InvalidTaskException error =
        catchThrowableOfType(InvalidTaskException.class, () -> TaskFiles.readValid(file));

    assertThat(error.diagnostics())
        .extracting(Diagnostic::path)
        .containsExactly("main[0].tool", "main[1].label");
    assertThat(error.getMessage())
        .isEqualTo(
            error.diagnostics().get(0).format() + "\n" + error.diagnostics().get(1).format());
  }
}
