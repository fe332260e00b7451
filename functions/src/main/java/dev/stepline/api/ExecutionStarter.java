package dev.stepline.api;

import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.task.Task;

/**
 * Runs the executions the API creates: the embedded engine locally, Step Functions on AWS. The API
 * keeps the execution records in the runtime's store, so this interface only drives the runs.
 */
public interface ExecutionStarter {

  /**
   * Prepares a task version to run, before the API stores it: on Step Functions, compiles it and
   * creates or updates its state machines. The embedded engine runs the stored task text as it is,
   * so the default does nothing.
   *
   * @throws IllegalArgumentException when the task cannot run, with a message for the client
   */
  default void register(ApiStore.TaskRecord task, Task parsed) {}

  /**
   * Starts the execution and returns without waiting for it. The execution record is already stored
   * as {@code queued}.
   *
   * @param executionId the id of the stored execution record
   * @param task the parsed task
   * @param taskText the task text stored with the execution
   * @param inputJson the checked input as JSON text
   */
  void start(String executionId, Task task, String taskText, String inputJson);

  /**
   * Stops a run, like Step Functions' {@code StopExecution}: no further state starts. The API has
   * already marked the execution {@code cancelled} in the store ({@code ExecutionStore#cancel}).
   * Stopping a run that has ended, or that this starter does not know, does nothing.
   *
   * @param reason why it is stopped, or {@code null}
   */
  void stop(String executionId, String reason);

  /**
   * Answers a waiting {@code wait_for_input} step: records the answer as the step's output with
   * {@code StepRunner#resume}, then completes the wait with the stored task token, like Step
   * Functions' {@code SendTaskSuccess}. Returns once the answer is recorded.
   *
   * @param wait the pending wait, from {@code ExecutionStore#pendingWaits}
   * @param answerJson the answer as JSON text
   * @throws IllegalArgumentException when the step no longer waits, as when another request
   *     answered it first
   */
  void resume(String executionId, PendingWait wait, String answerJson);
}
