package dev.stepline.api;

import dev.stepline.task.Task;

/**
 * Starts a created execution in the background: the embedded engine locally, Step Functions on AWS.
 * The execution record is already stored as {@code queued} when this is called.
 */
@FunctionalInterface
public interface ExecutionStarter {

  /**
   * Starts the execution and returns without waiting for it.
   *
   * @param executionId the id of the stored execution record
   * @param task the parsed task
   * @param taskText the task text stored with the execution
   * @param inputJson the checked input as JSON text
   */
  void start(String executionId, Task task, String taskText, String inputJson);
}
