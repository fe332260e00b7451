package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.testing.ExternalTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs the compiler's golden tasks on the embedded engine, so that each step kind and nesting
 * combination is checked by what its state machine computes, not only by its shape.
 */
class CompiledGoldenRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> successes() {
    return Stream.of(
        Arguments.of("if-else", "{\"tier\": 2}", "{\"route\": \"standard\"}"),
        Arguments.of("if-else", "{\"tier\": 1}", "{\"route\": \"gold\"}"),
        Arguments.of("switch", "{\"n\": 2}", "\"still two\""),
        Arguments.of("switch", "{\"n\": 7}", "\"other\""),
        Arguments.of("parallel", "{}", "[{\"a\": 1}, {\"b\": 2}]"),
        Arguments.of(
            "map-reduce",
            "{\"words\": [\"x\", \"y\"]}",
            "[{\"upper\": \"X\"}, {\"upper\": \"Y\"}]"),
        Arguments.of("return", "{}", "{\"x\": 1}"),
        Arguments.of("workflow-inline", "{}", "{\"seen\": {\"second_arg\": \"q\"}}"),
        Arguments.of("workflow-recursive", "{}", "{\"done\": true}"),
        Arguments.of(
            "foreach-calls-workflow", "{}", "[{\"painted\": \"red!\"}, {\"painted\": \"green!\"}]"),
        Arguments.of("workflow-in-parallel", "{}", "[\"left\", \"right\"]"),
        Arguments.of(
            "try-in-foreach",
            "{\"urls\": [\"a\", \"bb\"]}",
            "[{\"failed\": \"too big\"}, {\"failed\": \"too big\"}]"),
        Arguments.of("foreach-in-if", "{\"items\": []}", "\"empty\""),
        Arguments.of("nested-try", "{}", "\"outer inner division by zero\""));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("successes")
  void goldenTaskComputesExpectedOutput(String name, String input, String expected)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = run(name, input, out, err);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void literalErrorFailsExecutionWithPath(String name, String input, String message)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = run(name, input, out, err);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains(message);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "error-literal",
            "{\"ok\": false}",
            "main[0].else[0]: StepError: Could not find the selector"),
        Arguments.of("error-computed", "{}", "error: main[0]: StepError: bad input {}"));
  }

  private static int run(String name, String input, StringWriter out, StringWriter err) {
    Path task =
        ExternalTools.repoRoot().resolve("core/src/test/resources/compile/" + name + "/task.yaml");
    CommandLine commandLine = Main.newCommandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute("run", task.toString(), "--input", input);
  }
}
