package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case under {@code src/test/resources/asl} on the embedded engine and on
 * aws-local-stepfunctions 3, and compares status, output, error and cause.
 *
 * <p>The cause is compared for errors raised by Fail states and tasks. For the errors the
 * interpreter raises itself ({@code States.Runtime}, {@code States.NoChoiceMatched}, ...) only the
 * error name is compared, because the cause text differs between implementations, as it does
 * between them and Step Functions.
 */
class DifferentialSuiteTest {
  private static final Set<String> INTERPRETER_ERRORS =
      Set.of(
          "States.Runtime",
          "States.NoChoiceMatched",
          "States.Timeout",
          "States.ResultPathMatchFailure",
          "States.HeartbeatTimeout");

  /** Compares numbers by value, because Node.js writes 2.0 as 2. */
  private static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  @Test
  void suiteHasAtLeastSixtyCases() {
    assertThat(AslCases.cases("asl").size()).isGreaterThanOrEqualTo(60);
  }

  @TestFactory
  Stream<DynamicTest> engineMatchesAwsLocalStepFunctions() throws Exception {
    JsonNode oracle = runOracle();
    List<Path> cases = AslCases.cases("asl");
    return cases.stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir.getFileName().toString(),
                    () -> compare(dir, oracle.get(dir.getFileName().toString()))));
  }

  private static void compare(Path dir, JsonNode expected) {
    JsonNode actual = AslCases.runOnEngine(dir);
    String name = dir.getFileName().toString();
    assertThat(expected).as("oracle result of %s", name).isNotNull();
    assertThat(actual.get("status").asText())
        .as("status of %s (engine %s, oracle %s)", name, actual, expected)
        .isEqualTo(expected.get("status").asText());
    if (actual.get("status").asText().equals("SUCCEEDED")) {
      assertThat(actual.get("output").equals(NUMERIC, expected.get("output")))
          .as(
              "output of %s:%n engine %s%n oracle %s",
              name, actual.get("output"), expected.get("output"))
          .isTrue();
      return;
    }
    String error = actual.get("error").asText();
    assertThat(error)
        .as("error of %s (oracle %s)", name, expected)
        .isEqualTo(expected.get("error").asText());
    if (!INTERPRETER_ERRORS.contains(error)) {
      assertThat(actual.get("cause").asText())
          .as("cause of %s", name)
          .isEqualTo(expected.get("cause").asText());
    }
  }

  private static JsonNode runOracle() throws IOException, InterruptedException {
    Path node = ExternalTools.node();
    Path script = AslCases.folder("oracle").resolve("run-cases.cjs");
    Process process =
        new ProcessBuilder(
                node.toString(),
                script.toString(),
                ExternalTools.nodeModules().toString(),
                AslCases.folder("asl").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("run-cases.cjs failed with exit code " + process.exitValue());
    }
    return Json.MAPPER.readTree(new String(output, StandardCharsets.UTF_8));
  }
}
