package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.runtime.JsonValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ApiStore} that adds the {@link BundledTasks} to every tenant: one built-in agent, the
 * oldest, owns them as version 1 tasks. They are read-only, so storing a version of one, or a task
 * of the built-in agent, is a 409. Everything else goes to the wrapped store.
 */
public final class BundledApiStore implements ApiStore {
  /** The creation time of the built-in agent and its tasks, which have no creation of their own. */
  private static final Instant CREATED = Instant.EPOCH;

  private final ApiStore store;
  private final Map<String, String> names;
  private final BundledTasks bundled;

  public BundledApiStore(ApiStore store, BundledTasks bundled) {
    this.store = store;
    this.bundled = bundled;
    this.names = new HashMap<>();
    for (String name : bundled.names()) {
      names.put(BundledTasks.taskId(name), name);
    }
  }

  @Override
  public void putAgent(AgentRecord agent) {
    store.putAgent(agent);
  }

  @Override
  public Optional<AgentRecord> findAgent(String tenant, String id) {
    return BundledTasks.AGENT_ID.equals(id)
        ? Optional.of(agent(tenant))
        : store.findAgent(tenant, id);
  }

  @Override
  public List<AgentRecord> agents(String tenant) {
    List<AgentRecord> agents = new ArrayList<>();
    agents.add(agent(tenant));
    agents.addAll(store.agents(tenant));
    return agents;
  }

  @Override
  public void putTask(TaskRecord task) {
    checkWritable(task);
    store.putTask(task);
  }

  @Override
  public void checkWritable(TaskRecord task) {
    if (names.containsKey(task.id()) || BundledTasks.AGENT_ID.equals(task.agentId())) {
      throw ApiException.conflict(
          "the tasks of agent "
              + BundledTasks.AGENT_ID
              + " are compiled into template.yaml and are read-only; create the task under"
              + " another agent, or change the task file and deploy again");
    }
    store.checkWritable(task);
  }

  @Override
  public Optional<TaskRecord> findTask(String tenant, String id) {
    String name = names.get(id);
    return name == null ? store.findTask(tenant, id) : Optional.of(task(tenant, name));
  }

  @Override
  public List<TaskRecord> tasks(String tenant, String agentId) {
    if (!BundledTasks.AGENT_ID.equals(agentId)) {
      return store.tasks(tenant, agentId);
    }
    return bundled.names().stream().map(name -> task(tenant, name)).toList();
  }

  @Override
  public void putExecution(String tenant, String taskId, String executionId) {
    store.putExecution(tenant, taskId, executionId);
  }

  @Override
  public Optional<String> findExecutionTask(String tenant, String executionId) {
    return store.findExecutionTask(tenant, executionId);
  }

  @Override
  public List<String> executions(String tenant, String taskId) {
    return store.executions(tenant, taskId);
  }

  @Override
  public ClientToken putClientToken(ClientToken token) {
    return store.putClientToken(token);
  }

  @Override
  public void releaseClientToken(ClientToken token) {
    store.releaseClientToken(token);
  }

  private static AgentRecord agent(String tenant) {
    ObjectNode fields = JsonValues.mapper().createObjectNode();
    fields.put("name", "bundled");
    fields.put("about", "The tasks compiled into template.yaml at deploy time, read-only");
    return new AgentRecord(tenant, BundledTasks.AGENT_ID, fields, CREATED, CREATED);
  }

  private TaskRecord task(String tenant, String name) {
    return new TaskRecord(
        tenant,
        BundledTasks.taskId(name),
        BundledTasks.AGENT_ID,
        name,
        1,
        bundled.texts().get(name),
        CREATED,
        CREATED);
  }
}
