package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.cli.CommandRun.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs templates and f-strings through {@code stepline run}, as task authors write them. */
class TemplateRunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String VALUES =
      "{\"flag\": true, \"off\": false, \"gone\": null, \"tags\": [1, \"x\"], \"meta\": {\"k\":"
          + " \"v\"}}";

  @TempDir Path dir;

  @Test
  void undefinedFunctionFailsTheStep() throws Exception {
    Path task =
        write(
            "today.yaml",
            """
            name: today
            main:
              - evaluate:
                  content: "Today is {{ now().strftime('%B %d, %Y') }}."
            """);

    Result result = run(task.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("'now' is undefined");
    assertThat(result.err()).contains("main[0]");
    assertThat(result.err()).doesNotContain("\tat ");
  }

  @Test
  void missingVariableRendersEmpty() throws Exception {
    Path task =
        write(
            "missing.yaml",
            """
            name: missing
            main:
              - evaluate:
                  text: "[{{ missing_var }}]"
            """);

    Result result = run(task.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output()).isEqualTo(JSON.readTree("{\"text\": \"[]\"}"));
  }

  @Test
  void templatePrintsPythonValues() throws Exception {
    Path task =
        write(
            "values.yaml",
            """
            name: values
            main:
              - log: "flag={{ _.flag }} off={{ _.off }} none={{ _.gone }} tags={{ _.tags }} meta={{ _.meta }} absent=[{{ _.absent }}]"
              - evaluate: {text: $ _}
            """);

    Result result = run(task.toString(), "--input", VALUES);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output().get("text").asText())
        .isEqualTo("flag=True off=False none=None tags=[1, 'x'] meta={'k': 'v'} absent=[]");
  }

  @Test
  void fStringPrintsPythonValues() throws Exception {
    Path task =
        write(
            "tags.yaml",
            """
            name: tags
            main:
              - evaluate:
                  text: "tags={_.tags}"
            """);

    Result result = run(task.toString(), "--input", VALUES);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output()).isEqualTo(JSON.readTree("{\"text\": \"tags=[1, 'x']\"}"));
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static Result run(String... args) {
    return CommandRun.execute("run", args);
  }
}
