package dev.stepline.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PrimingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<StepRequest> received = new ArrayList<>();

  /** Returns a step handler of {@code actions} whose own runner only records what reaches it. */
  private StepHandler handler(Set<String> actions) {
    return new StepHandler(
        actions,
        request -> {
          received.add(request);
          return StepResult.EMPTY;
        }) {};
  }

  static Stream<Arguments> primings() {
    return Stream.of(
        Arguments.of(Priming.evaluateStep(), Set.of("step"), List.of("step of main[0]")),
        Arguments.of(
            Priming.ifCondition(),
            Set.of("condition", "items", "call"),
            List.of("condition of main[1]")),
        Arguments.of(Priming.waitForInput(), Set.of("step"), List.of("step of main[2]")),
        Arguments.of(
            Priming.startAndFinish(),
            Set.of("start", "finish", "fail", "catch", "close"),
            List.of("start of main", "finish of main")));
  }

  @ParameterizedTest
  @MethodSource("primings")
  void primingRunsActionsOffline(Priming priming, Set<String> actions, List<String> finished)
      throws Exception {
    StepHandler handler = handler(actions);
    handler.primeBeforeSnapshot(priming);

    List<String> lines = StandardOutput.capture(() -> handler.beforeCheckpoint(null));

    assertThat(received).isEmpty();
    assertThat(lines).hasSameSizeAs(finished);
    for (int i = 0; i < finished.size(); i++) {
      JsonNode line = JSON.readTree(lines.get(i));
      assertThat(line.get("level").asText()).isEqualTo("INFO");
      assertThat(line.get("execution").asText()).isEqualTo("priming");
      assertThat(line.get("message").asText()).startsWith(finished.get(i) + " finished in ");
    }
  }

  @Test
  void handlerWithoutPrimingSkipsHook() throws Exception {
    StepHandler handler = handler(Set.of("step"));

    List<String> lines = StandardOutput.capture(() -> handler.beforeCheckpoint(null));

    assertThat(lines).isEmpty();
    assertThat(received).isEmpty();
  }
}
