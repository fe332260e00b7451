package dev.stepline.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<StepRequest> received = new ArrayList<>();

  /** A step handler whose own runner only records what reaches it. */
  private final StepHandler handler =
      new StepHandler(
          Set.of("step"),
          request -> {
            received.add(request);
            return StepResult.EMPTY;
          }) {};

  @Test
  void primingRunsEvaluateStepOffline() throws Exception {
    handler.primeBeforeSnapshot(Priming.evaluateStep());

    List<String> lines = StandardOutput.capture(() -> handler.beforeCheckpoint(null));

    assertThat(received).isEmpty();
    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("execution").asText()).isEqualTo("priming");
    assertThat(line.get("message").asText()).startsWith("step of main[0] finished in ");
  }

  @Test
  void handlerWithoutPrimingSkipsHook() throws Exception {
    List<String> lines = StandardOutput.capture(() -> handler.beforeCheckpoint(null));

    assertThat(lines).isEmpty();
    assertThat(received).isEmpty();
  }
}
