package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompileCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private Path task(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void compileWritesMainMachine() throws IOException {
    Path file = task("hello.yaml", "name: hello\nmain:\n  - evaluate:\n      x: $ 1\n");
    Path output = dir.resolve("out");

    int exit = run("compile", file.toString(), "-o", output.toString());

    assertThat(exit).isEqualTo(0);
    assertThat(err.toString()).isEmpty();
    String json = Files.readString(output.resolve("hello.asl.json"));
    assertThat(json).contains("\"main[0] evaluate\": {");
    assertThat(out.toString())
        .contains("wrote " + output.resolve("hello.asl.json") + " (main workflow)")
        .contains("workflow type: EXPRESS");
  }

  @Test
  void compileWritesOneFilePerRecursiveWorkflow() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("countdown"));
    Path file = folder.resolve("task.yaml");
    Files.writeString(
        file,
        "name: countdown\nmain:\n  - workflow: down\n    arguments: {n: 2}\n"
            + "down:\n  - if: $ _.n > 0\n    then:\n      workflow: down\n"
            + "      arguments: {n: $ _.n - 1}\n");

    int exit = run("compile", file.toString(), "-o", dir.toString());

    assertThat(exit).isEqualTo(0);
    assertThat(dir.resolve("countdown.asl.json")).exists();
    assertThat(dir.resolve("countdown.down.asl.json")).exists();
    assertThat(out.toString())
        .contains("ARN as ${WorkflowDownStateMachineArn}")
        .contains("workflow type: STANDARD");
  }

  @Test
  void statsPrintCostPerStep() throws IOException {
    Path file =
        task(
            "cost.yaml",
            "name: cost\nmain:\n  - if: $ _.ok\n    then:\n      log: yes\n  - sleep:\n      seconds: 5\n");

    int exit = run("compile", file.toString(), "-o", dir.toString(), "--stats");

    assertThat(exit).isEqualTo(0);
    assertThat(out.toString())
        .containsPattern("main\\[0\\] +if +2 +1 +2")
        .containsPattern("main\\[1\\] +sleep +1 +0 +1")
        .contains("Average per step: 1.33 transitions, 0.67 Lambda invocations.");
  }

  @Test
  void invalidTaskPrintsDiagnosticsAndFails() throws IOException {
    Path file = task("bad.yaml", "name: bad\nmain:\n  - frobnicate: 1\n");

    int exit = run("compile", file.toString(), "-o", dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith(file + ":3:").contains(": error: ");
    assertThat(dir.resolve("bad.asl.json")).doesNotExist();
  }

  @Test
  void expressTypeRejectsWaitForInput() throws IOException {
    Path file =
        task("ask.yaml", "name: ask\nmain:\n  - wait_for_input:\n      info:\n        q: ok?\n");

    int exit = run("compile", file.toString(), "-o", dir.toString(), "--type", "express");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            ":3:5: error: an Express workflow cannot run this step: main[0] pauses with a task"
                + " token");
    assertThat(dir.resolve("ask.asl.json")).doesNotExist();
  }

  @Test
  void unknownTypeIsAUsageError() throws IOException {
    Path file = task("x.yaml", "name: x\nmain:\n  - log: hi\n");

    int exit = run("compile", file.toString(), "--type", "turbo");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("invalid workflow type (found turbo)");
  }
}
