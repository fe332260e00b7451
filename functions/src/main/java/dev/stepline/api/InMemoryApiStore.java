package dev.stepline.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ApiStore} in memory, for {@code stepline serve} and tests. */
public final class InMemoryApiStore implements ApiStore {
  private final Map<String, AgentRecord> agents = new LinkedHashMap<>();
  private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
  private final Map<String, String[]> executions = new LinkedHashMap<>();
  private final Map<String, ClientToken> clientTokens = new LinkedHashMap<>();

  @Override
  public synchronized void putAgent(AgentRecord agent) {
    agents.put(agent.tenant() + "/" + agent.id(), agent);
  }

  @Override
  public synchronized Optional<AgentRecord> findAgent(String tenant, String id) {
    return Optional.ofNullable(agents.get(tenant + "/" + id));
  }

  @Override
  public synchronized List<AgentRecord> agents(String tenant) {
    return agents.values().stream().filter(a -> a.tenant().equals(tenant)).toList();
  }

  @Override
  public synchronized void putTask(TaskRecord task) {
    TaskRecord latest = tasks.get(task.tenant() + "/" + task.id());
    int expected = latest == null ? 1 : latest.version() + 1;
    if (task.version() != expected) {
      throw ApiException.versionConflict("task", task.id(), task.version());
    }
    tasks.put(task.tenant() + "/" + task.id(), task);
  }

  @Override
  public synchronized Optional<TaskRecord> findTask(String tenant, String id) {
    return Optional.ofNullable(tasks.get(tenant + "/" + id));
  }

  @Override
  public synchronized List<TaskRecord> tasks(String tenant, String agentId) {
    return tasks.values().stream()
        .filter(t -> t.tenant().equals(tenant) && t.agentId().equals(agentId))
        .toList();
  }

  @Override
  public synchronized void putExecution(String tenant, String taskId, String executionId) {
    executions.put(tenant + "/" + executionId, new String[] {taskId, executionId});
  }

  @Override
  public synchronized Optional<String> findExecutionTask(String tenant, String executionId) {
    return Optional.ofNullable(executions.get(tenant + "/" + executionId)).map(e -> e[0]);
  }

  @Override
  public synchronized List<String> executions(String tenant, String taskId) {
    List<String> ids = new ArrayList<>();
    executions.forEach(
        (key, entry) -> {
          if (key.startsWith(tenant + "/") && entry[0].equals(taskId)) {
            ids.add(entry[1]);
          }
        });
    return ids;
  }

  @Override
  public synchronized ClientToken putClientToken(ClientToken token) {
    return clientTokens.computeIfAbsent(token.tenant() + "/" + token.token(), key -> token);
  }

  @Override
  public synchronized void releaseClientToken(ClientToken token) {
    clientTokens.computeIfPresent(
        token.tenant() + "/" + token.token(),
        (key, stored) -> stored.executionId().equals(token.executionId()) ? null : stored);
  }
}
