package dev.stepline.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.engine.TaskFailedException;
import dev.stepline.engine.TaskHandler;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import dev.stepline.runtime.StepRunner;
import java.time.Duration;

/**
 * Runs the Task states of compiled machines in process: the state's parameters are a step request,
 * and the returned JSON is the {@link StepResult}. A step failure becomes a task failure whose
 * {@code Error} is the Python-style type and whose {@code Cause} is {@code <path>: <type>:
 * <message>}, so Catch rules and the {@code fail} action see what a Lambda handler reports.
 */
public final class RuntimeTaskHandler implements TaskHandler {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final StepRunner runner;
  private final StepProgress progress;

  public RuntimeTaskHandler(StepRunner runner, StepProgress progress) {
    this.runner = runner;
    this.progress = progress;
  }

  @Override
  public JsonNode invoke(String resource, JsonNode parameters, String taskToken, JsonNode context)
      throws TaskFailedException {
    StepRequest request = request(parameters, taskToken);
    long started = System.nanoTime();
    try {
      StepResult result = runner.run(request);
      progress.stepEnded(request, since(started), result, null);
      return MAPPER.valueToTree(result);
    } catch (StepFailedException e) {
      progress.stepEnded(request, since(started), null, e);
      throw new TaskFailedException(e.type(), e.getMessage());
    } catch (RuntimeException e) {
      // Not a step failure: a malformed request or a broken store. It fails the state like an
      // unhandled Lambda error would.
      throw new TaskFailedException(
          "States.TaskFailed", runner.masker().mask(String.valueOf(e.getMessage())));
    }
  }

  private static StepRequest request(JsonNode parameters, String taskToken)
      throws TaskFailedException {
    try {
      StepRequest request = MAPPER.treeToValue(parameters, StepRequest.class);
      if (request.token() == null && taskToken != null) {
        return new StepRequest(
            request.action(),
            request.execution(),
            request.workflow(),
            request.path(),
            request.scope(),
            taskToken,
            request.error());
      }
      return request;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new TaskFailedException(
          "States.TaskFailed", "the Task parameters are not a step request: " + e.getMessage());
    }
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
