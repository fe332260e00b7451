package dev.stepline.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class StepHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REQUEST =
      "{\"action\": \"condition\", \"execution\": \"exec-1\", \"workflow\": \"main\","
          + " \"path\": \"main[2]\", \"scope\": \"/main[0]#3\", \"attempt\": 1}";

  private final List<StepRequest> received = new ArrayList<>();

  /** A handler of the {@code condition} and {@code items} actions with a given runner. */
  private static final class ConditionHandler extends StepHandler {
    ConditionHandler(Function<StepRequest, StepResult> runner) {
      super(Set.of("condition", "items"), runner);
    }
  }

  @Test
  void requestReachesRunner() throws Exception {
    invoke(
        REQUEST,
        request -> {
          received.add(request);
          return StepResult.EMPTY;
        });

    assertThat(received)
        .containsExactly(
            new StepRequest("condition", "exec-1", "main", "main[2]", "/main[0]#3", null, null));
  }

  @Test
  void resultsAreWrittenWithoutNulls() throws Exception {
    assertThat(invoke(REQUEST, request -> StepResult.EMPTY)).isEqualTo("{}");
    assertThat(invoke(REQUEST, request -> new StepResult(1, null, null)))
        .isEqualTo("{\"branch\":1}");
    assertThat(invoke(REQUEST, request -> new StepResult(null, List.of(0, 1, 2), null)))
        .isEqualTo("{\"items\":[0,1,2]}");
    assertThat(invoke(REQUEST, request -> new StepResult(null, null, "/main[1]@")))
        .isEqualTo("{\"scope\":\"/main[1]@\"}");
  }

  @Test
  void catchRequestCarriesError() throws Exception {
    String request =
        "{\"action\": \"items\", \"execution\": \"e\", \"workflow\": \"main\", \"path\": \"main[0]\","
            + " \"scope\": \"\", \"error\": {\"Error\": \"States.TaskFailed\", \"Cause\": \"x\"}}";

    invoke(
        request,
        parsed -> {
          received.add(parsed);
          return StepResult.EMPTY;
        });

    assertThat(received.get(0).error()).containsEntry("Error", "States.TaskFailed");
  }

  @Test
  void actionOfAnotherHandlerIsRejected() {
    String request =
        "{\"action\": \"step\", \"execution\": \"e\", \"workflow\": \"main\", \"path\": \"main[0]\","
            + " \"scope\": \"\"}";

    assertThatThrownBy(() -> invoke(request, parsed -> StepResult.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "ConditionHandler does not run action 'step' (it runs condition, items); check the"
                + " function ARN the state machine's Task state calls");
  }

  @Test
  void eventThatIsNoObjectIsRejected() {
    assertThatThrownBy(() -> invoke("[1]", parsed -> StepResult.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid step request (found array); send a JSON object with action, execution,"
                + " workflow, path and scope");
  }

  @Test
  void logLineCarriesIdsOnly() throws Exception {
    List<String> lines = StandardOutput.capture(() -> invoke(REQUEST, request -> StepResult.EMPTY));

    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("execution").asText()).isEqualTo("exec-1");
    assertThat(line.get("path").asText()).isEqualTo("main[2]");
    assertThat(line.get("scope").asText()).isEqualTo("/main[0]#3");
    assertThat(line.get("attempt").asText()).isEqualTo("1");
    assertThat(line.get("requestId").asText()).isEqualTo("request-1");
    assertThat(line.get("message").asText()).startsWith("condition of main[2] finished in ");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void runnerFailureIsLoggedAndPropagates() throws Exception {
    List<String> lines =
        StandardOutput.capture(
            () ->
                assertThatThrownBy(
                        () ->
                            invoke(
                                REQUEST,
                                request -> {
                                  throw new IllegalStateException("store unavailable");
                                }))
                    .isInstanceOf(IllegalStateException.class));

    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("errorMessage").asText()).isEqualTo("store unavailable");
    assertThat(line.get("execution").asText()).isEqualTo("exec-1");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  private static String invoke(String event, Function<StepRequest, StepResult> runner)
      throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    new ConditionHandler(runner)
        .handleRequest(
            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
            output,
            new TestContext("request-1"));
    return output.toString(StandardCharsets.UTF_8);
  }
}
