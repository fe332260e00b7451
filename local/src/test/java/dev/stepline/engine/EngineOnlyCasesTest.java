package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the cases under {@code src/test/resources/asl-engine} on the embedded engine and compares
 * them with their hand-written {@code expected.json}. These cover what aws-local-stepfunctions 3
 * does not implement or implements differently from Step Functions: task tokens, heartbeats, nested
 * executions, the State fields of the context object, execution timeouts, negated type tests and
 * intrinsic functions in CausePath.
 *
 * <p>{@code expected.json} holds {@code status} and either {@code output} or {@code error} and,
 * when given, {@code cause}.
 */
class EngineOnlyCasesTest {

  @TestFactory
  Stream<DynamicTest> engineMatchesExpected() {
    return AslCases.cases("asl-engine").stream()
        .map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
  }

  private static void check(Path dir) {
    JsonNode expected = AslCases.json(dir.resolve("expected.json"), null);
    JsonNode actual = AslCases.runOnEngine(dir);
    String name = dir.getFileName().toString();

    assertThat(actual.get("status").asText())
        .as("status of %s (%s)", name, actual)
        .isEqualTo(expected.get("status").asText());
    if (expected.has("output")) {
      assertThat(Json.equal(actual.get("output"), expected.get("output")))
          .as(
              "output of %s:%n actual   %s%n expected %s",
              name, actual.get("output"), expected.get("output"))
          .isTrue();
    }
    if (expected.has("error")) {
      assertThat(actual.get("error").asText())
          .as("error of %s", name)
          .isEqualTo(expected.get("error").asText());
    }
    if (expected.has("cause")) {
      assertThat(actual.get("cause").asText())
          .as("cause of %s", name)
          .isEqualTo(expected.get("cause").asText());
    }
  }
}
