package dev.stepline.runtime.store;

import java.time.Instant;

/**
 * One execution of a task.
 *
 * @param id the execution id
 * @param taskId the task's id (its name, for local runs)
 * @param taskText the task file text the execution runs, so every step handler reads the same
 *     version
 * @param input the execution input as JSON text
 * @param status the current status
 * @param output the output as JSON text once it succeeded, else {@code null}
 * @param error the failure that ended it, else {@code null}
 * @param createdAt when it was created
 * @param updatedAt when its status last changed
 * @param tenant the API tenant that started it, whose secrets its steps read, or {@code null} for
 *     an execution started directly (the CLI, a test, Step Functions' console)
 */
public record ExecutionRecord(
    String id,
    String taskId,
    String taskText,
    String input,
    ExecutionStatus status,
    String output,
    Failure error,
    Instant createdAt,
    Instant updatedAt,
    String tenant) {

  /** Returns a new {@code queued} execution. */
  public static ExecutionRecord queued(String id, String taskId, String taskText, String input) {
    Instant now = Instant.now();
    return new ExecutionRecord(
        id, taskId, taskText, input, ExecutionStatus.QUEUED, null, null, now, now, null);
  }

  /** Returns this execution as started by {@code tenant}. */
  public ExecutionRecord withTenant(String tenant) {
    return new ExecutionRecord(
        id, taskId, taskText, input, status, output, error, createdAt, updatedAt, tenant);
  }
}
