package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the API keeps agents, tasks and which tenant and task each execution belongs to. Every
 * lookup takes the tenant, so one tenant never reads another tenant's records. Execution records
 * themselves live in the runtime's {@code ExecutionStore}.
 */
public interface ApiStore {

  /**
   * An agent, the owner of tasks.
   *
   * @param fields the agent's fields as the client sent them (name, about, model, ...)
   */
  record AgentRecord(
      String tenant, String id, ObjectNode fields, Instant createdAt, Instant updatedAt) {}

  /**
   * A task version. Updating a task stores a new record with the same id and the next version.
   * Executions keep the text of the version they started with.
   *
   * @param version 1 for the created task, one more for each update
   * @param text the task as the client sent it, YAML or JSON text
   * @param createdAt when version 1 was created
   * @param updatedAt when this version was stored
   */
  record TaskRecord(
      String tenant,
      String id,
      String agentId,
      String name,
      int version,
      String text,
      Instant createdAt,
      Instant updatedAt) {}

  /**
   * The execution a client token started, so that a retried start returns it.
   *
   * @param token the client's token, unique per tenant
   * @param requestHash a hash of the task id and the input of the first request with the token
   * @param executionId the execution the first request created
   */
  record ClientToken(String tenant, String token, String requestHash, String executionId) {}

  void putAgent(AgentRecord agent);

  Optional<AgentRecord> findAgent(String tenant, String id);

  /** Returns the tenant's agents, oldest first. */
  List<AgentRecord> agents(String tenant);

  /**
   * Stores a task version. The store keeps only the latest version under the task id, which {@link
   * #findTask} returns.
   */
  void putTask(TaskRecord task);

  /**
   * Rejects a task version that {@link #putTask} would reject for good, before the API prepares it
   * to run. The default accepts every version.
   *
   * @throws ApiException when the task cannot be stored
   */
  default void checkWritable(TaskRecord task) {}

  Optional<TaskRecord> findTask(String tenant, String id);

  /** Returns the tasks of one agent, oldest first. */
  List<TaskRecord> tasks(String tenant, String agentId);

  /** Records that an execution of {@code taskId} belongs to the tenant. */
  void putExecution(String tenant, String taskId, String executionId);

  /** Returns the task id of the execution, or empty when it is not the tenant's. */
  Optional<String> findExecutionTask(String tenant, String executionId);

  /**
   * Returns the execution ids of a task, oldest first. The API filters them by status with the
   * runtime's execution records, where the status lives.
   */
  List<String> executions(String tenant, String taskId);

  /**
   * Stores a client token unless the tenant has stored the same token before, in which case the
   * stored one stays and is returned (a conditional write, like the runtime store's records).
   *
   * @return the stored token: {@code token} itself when it is new
   */
  ClientToken putClientToken(ClientToken token);

  /**
   * Deletes a client token that a failed start stored, if the stored token still names {@code
   * token.executionId()}, so that a retry with the token may start a new execution. A token that
   * another request stored stays (a conditional delete).
   */
  void releaseClientToken(ClientToken token);
}
