package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(CommandLine commandLine, String... args) {
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private int runMain(String... args) {
    return run(Main.newCommandLine(), args);
  }

  @Test
  void evalPrintsValueAsJson() {
    int exit =
        runMain(
            "eval",
            "{'total': sum(_.xs), 'label': f'{len(_.xs)} items'}",
            "--context",
            "{\"_\": {\"xs\": [1, 2, 3.5]}}");

    assertThat(exit).isZero();
    assertThat(out.toString().strip()).isEqualTo("{\"total\":6.5,\"label\":\"3 items\"}");
  }

  @Test
  void evalReadsContextFromFile(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("context.json");
    Files.writeString(file, "{\"_\": {\"score\": 10}}");

    int exit = runMain("eval", "0 <= _.score <= 5", "--context", "@" + file);

    assertThat(exit).isZero();
    assertThat(out.toString().strip()).isEqualTo("false");
  }

  @Test
  void evalReportsPythonErrorWithColumn() {
    int exit = runMain("eval", "1 + lenn([1])");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("error: NameError: name 'lenn' is not defined; did you mean 'len'? (column 5)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void evalRejectsContextThatIsNotAnObject() {
    int exit = runMain("eval", "1", "--context", "[1]");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("Invalid --context (found [1])");
  }

  @Test
  void jsonLinesAnswerEachLine() {
    String lines =
        "{\"expr\": \"_.a * 2\", \"context\": {\"_\": {\"a\": 21}}}\n"
            + "{\"expr\": \"1 / 0\"}\n"
            + "\n"
            + "{\"expr\": \"str(None)\", \"context\": {}}\n"
            + "not json\n";
    EvalCommand command =
        new EvalCommand()
            .readingFrom(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));

    int exit = run(new CommandLine(command), "--jsonl");

    assertThat(exit).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "{\"value\":42}",
            "{\"error\":{\"type\":\"ZeroDivisionError\",\"message\":\"division by zero\","
                + "\"column\":1}}",
            "{\"value\":\"None\"}",
            "{\"error\":{\"type\":\"ValueError\",\"message\":\"invalid JSON line: Unrecognized"
                + " token 'not': was expecting (JSON String, Number, Array, Object or token"
                + " 'null', 'true' or 'false')\"}}");
  }
}
