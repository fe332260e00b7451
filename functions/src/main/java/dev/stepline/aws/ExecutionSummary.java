package dev.stepline.aws;

import dev.stepline.runtime.store.ExecutionStatus;
import java.time.Instant;
import java.util.List;

/**
 * What the task and status index returns about one execution, without its input, output or task
 * text.
 *
 * @param id the execution id
 * @param taskId the task's id
 * @param status the status when the index was last updated
 * @param createdAt when the execution was created
 * @param updatedAt when its status last changed
 */
public record ExecutionSummary(
    String id, String taskId, ExecutionStatus status, Instant createdAt, Instant updatedAt) {

  /** The attributes the index projects besides its keys. */
  static final List<String> ATTRIBUTES =
      List.of("id", "taskId", "status", "createdAt", "updatedAt");
}
