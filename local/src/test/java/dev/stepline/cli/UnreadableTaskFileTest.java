package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** validate, compile and run report a task file they cannot read with the same message. */
class UnreadableTaskFileTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"validate", "compile", "run"})
  void missingFileIsNotFound(String command) {
    Path missing = dir.resolve("absent.yaml");

    String printed = runExpectingFailure(command, missing);

    assertThat(printed)
        .isEqualTo(missing + ": error: cannot read the task file (not found); check the path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "compile", "run"})
  void directoryIsNamedAsDirectory(String command) throws Exception {
    Path directory = Files.createDirectory(dir.resolve("adir"));

    String printed = runExpectingFailure(command, directory);

    assertThat(printed)
        .isEqualTo(
            directory + ": error: cannot read the task file (is a directory); check the path");
  }

  /** Runs the command and returns the first line it printed, because validate adds a summary. */
  private static String runExpectingFailure(String command, Path task) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));

    int code = commandLine.execute(command, task.toString());

    assertThat(code).as("exit code").isEqualTo(1);
    String printed = (out.toString() + err.toString()).strip();
    assertThat(printed).doesNotContain("Exception");
    return printed.lines().findFirst().orElse("");
  }
}
