package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work of a Task state for the embedded engine.
 *
 * <p>The engine calls it for direct Lambda ARNs ({@code arn:aws:lambda:...}) and for {@code
 * arn:aws:states:::lambda:invoke} (then {@code resource} is the {@code FunctionName} parameter and
 * {@code parameters} is the {@code Payload}), and for any other resource that the engine does not
 * run itself. Implementations must be thread-safe because Parallel and Map states call them from
 * several threads at once.
 */
@FunctionalInterface
public interface TaskHandler {

  /**
   * Runs the task and returns its result.
   *
   * @param resource the resource ARN of the Task state, or the function name of a {@code
   *     lambda:invoke} state
   * @param parameters the effective input of the task, after InputPath and Parameters
   * @param taskToken the task token of a {@code .waitForTaskToken} state, or {@code null}; for such
   *     states the engine ignores the returned value and waits for {@link
   *     AslEngine#sendTaskSuccess} or {@link AslEngine#sendTaskFailure}
   * @param context the context object ({@code $$}) as the state sees it
   * @throws TaskFailedException when the task fails with an error name that Retry and Catch match
   */
  JsonNode invoke(String resource, JsonNode parameters, String taskToken, JsonNode context)
      throws TaskFailedException;
}
