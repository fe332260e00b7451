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
   * A task version.
   *
   * @param text the task as the client sent it, YAML or JSON text
   */
  record TaskRecord(
      String tenant,
      String id,
      String agentId,
      String name,
      String text,
      Instant createdAt,
      Instant updatedAt) {}

  void putAgent(AgentRecord agent);

  Optional<AgentRecord> findAgent(String tenant, String id);

  /** Returns the tenant's agents, oldest first. */
  List<AgentRecord> agents(String tenant);

  void putTask(TaskRecord task);

  Optional<TaskRecord> findTask(String tenant, String id);

  /** Returns the tasks of one agent, oldest first. */
  List<TaskRecord> tasks(String tenant, String agentId);

  /** Records that an execution of {@code taskId} belongs to the tenant. */
  void putExecution(String tenant, String taskId, String executionId);

  /** Returns the task id of the execution, or empty when it is not the tenant's. */
  Optional<String> findExecutionTask(String tenant, String executionId);

  /** Returns the execution ids of a task, oldest first. */
  List<String> executions(String tenant, String taskId);
}
