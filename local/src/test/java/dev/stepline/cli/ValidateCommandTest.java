package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static final String TYPED =
      """
      name: typed
      input_schema:
        type: object
        properties: {topic: {type: string}}
      main:
        - log: $ _.topic
      """;

  @Test
  void validFileExitsZero() throws IOException {
    Path task = write("ok.yaml", TYPED);

    int code = run("validate", task.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("checked 1 file: 0 errors, 0 warnings\n");
  }

  @Test
  void invalidFileExitsOneWithEveryDiagnostic() throws IOException {
    Path good = write("good.yaml", TYPED);
    Path bad = write("bad.yaml", "name: bad\nmain:\n  - evalute: {x: 1}\n  - tool: missing\n");

    int code = run("validate", good.toString(), bad.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .isEqualTo(
            bad
                + ":3:5: error: unknown step key `evalute` (the step matches no step kind); did"
                + " you mean `evaluate`?\n"
                + bad
                + ":4:11: error: unknown tool (found `missing`); declare it under `tools:` with a"
                + " name and a type\n"
                + "checked 2 files: 2 errors, 0 warnings\n");
  }

  @Test
  void jsonFormatListsFilesAndPositions() throws IOException {
    Path bad = write("bad.yaml", "name: bad\nmain:\n  - log: hi\n    label: '42'\n");

    int code = run("validate", "--format", "json", bad.toString());

    JsonNode report = new ObjectMapper().readTree(out.toString());
    JsonNode diagnostic = report.at("/files/0/diagnostics/0");
    assertThat(code).isEqualTo(1);
    assertThat(report.at("/files/0/valid").asBoolean()).isFalse();
    assertThat(diagnostic.get("severity").asText()).isEqualTo("error");
    assertThat(diagnostic.get("line").asInt()).isEqualTo(4);
    assertThat(diagnostic.get("column").asInt()).isEqualTo(12);
    assertThat(diagnostic.get("path").asText()).isEqualTo("main[0].label");
  }

  @Test
  void inputNotMatchingSchemaExitsOne() throws IOException {
    Path task = write("typed.yaml", TYPED);
    Path input = write("input.json", "{\"topic\": 7}");

    int matching = run("validate", task.toString(), "--input", "{\"topic\": \"AI\"}");
    int mismatching = run("validate", task.toString(), "--input", "@" + input);

    assertThat(matching).isZero();
    assertThat(mismatching).isEqualTo(1);
    assertThat(out.toString())
        .contains(
            input
                + ":1:1: error: the input does not match `input_schema` at `$.topic`: integer"
                + " found, string expected");
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path task = write("typed.yaml", TYPED);

    assertThat(run("validate")).isEqualTo(2);
    assertThat(run("validate", task.toString(), "--format", "xml")).isEqualTo(2);
    assertThat(run("validate", task.toString(), "--input", "{not json")).isEqualTo(2);
    assertThat(err.toString()).contains("the input is not valid JSON");
  }

  @Test
  void tooDeepInputIsUsageError() throws IOException {
    Path task = write("typed.yaml", TYPED);
    String deep = "[".repeat(5000) + "]".repeat(5000);

    assertThat(run("validate", task.toString(), "--input", deep)).isEqualTo(2);
    assertThat(err.toString())
        .contains("the input is not valid JSON (nested more than 1000 levels");
  }

  @Test
  void missingFileIsReportedNotThrown() {
    int code = run("validate", dir.resolve("absent.yaml").toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("absent.yaml: error: cannot read the task file (not found); check the path");
  }
}
