package dev.stepline.aws;

import static dev.stepline.aws.ExecutionTable.sortKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiException;
import dev.stepline.api.ApiStore;
import dev.stepline.runtime.JsonValues;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link ApiStore} in the same DynamoDB table as {@link DynamoDbExecutionStore}. Every item of a
 * tenant has the partition key {@code TENANT#<tenant>}, so each read names the tenant in its key
 * and can never return another tenant's item. {@code docs/storage.md} lists the items and the
 * access patterns. All reads are strongly consistent, so a record is listed as soon as it is
 * written.
 */
public final class DynamoDbApiStore implements ApiStore {
  static final String AGENT = "AGENT#";
  static final String TASK = "TASK#";
  static final String AGENT_TASK = "AGENTTASK#";
  static final String EXECUTION = "EXECUTION#";
  static final String TASK_EXECUTION = "TASKEXECUTION#";
  static final String CLIENT_TOKEN = "CLIENTTOKEN#";

  private final TableAccess table;
  private final LargeText text;
  private final Clock clock;

  /**
   * @param client the DynamoDB client, shared by every invocation of a Lambda container
   * @param tableName the table, created as {@link ExecutionTable#create} does
   */
  public DynamoDbApiStore(DynamoDbClient client, String tableName) {
    this(client, tableName, Clock.systemUTC());
  }

  DynamoDbApiStore(DynamoDbClient client, String tableName, Clock clock) {
    this.table = new TableAccess(client, tableName);
    this.text = new LargeText(client, tableName);
    this.clock = clock;
  }

  static String tenantPartition(String tenant) {
    return "TENANT#" + tenant;
  }

  // Agents

  @Override
  public void putAgent(AgentRecord agent) {
    Map<String, AttributeValue> item = newItem(agent.tenant(), AGENT + agent.id());
    item.put("id", s(agent.id()));
    item.put("fields", s(agent.fields().toString()));
    item.put("createdAt", s(agent.createdAt().toString()));
    item.put("updatedAt", s(agent.updatedAt().toString()));
    table.put(item, "write agent " + agent.id());
  }

  @Override
  public Optional<AgentRecord> findAgent(String tenant, String id) {
    return table
        .get(tenantPartition(tenant), AGENT + id, "read agent " + id)
        .map(item -> toAgent(tenant, item));
  }

  @Override
  public List<AgentRecord> agents(String tenant) {
    return table.query(tenantPartition(tenant), AGENT, null, "list agents").stream()
        .map(item -> toAgent(tenant, item))
        .sorted(Comparator.comparing(AgentRecord::createdAt).thenComparing(AgentRecord::id))
        .toList();
  }

  private static AgentRecord toAgent(String tenant, Map<String, AttributeValue> item) {
    return new AgentRecord(
        tenant,
        item.get("id").s(),
        parseObject(item.get("fields").s()),
        Instant.parse(item.get("createdAt").s()),
        Instant.parse(item.get("updatedAt").s()));
  }

  // Tasks

  @Override
  public void putTask(TaskRecord task) {
    String pk = tenantPartition(task.tenant());
    // The membership item goes first: a list that finds it before the task item skips it.
    Map<String, AttributeValue> membership =
        newItem(task.tenant(), sortKey(AGENT_TASK, task.agentId(), task.id()));
    membership.put("taskId", s(task.id()));
    table.put(membership, "write task " + task.id() + " of agent " + task.agentId());

    Map<String, AttributeValue> item = newItem(task.tenant(), TASK + task.id());
    item.put("id", s(task.id()));
    item.put("agentId", s(task.agentId()));
    item.put("name", s(task.name()));
    item.put("version", n(task.version()));
    item.put("createdAt", s(task.createdAt().toString()));
    item.put("updatedAt", s(task.updatedAt().toString()));
    item.putAll(text.write(pk, "text", task.text(), null));
    if (!putVersion(
        item, task.version(), "write version " + task.version() + " of task " + task.id())) {
      throw ApiException.versionConflict("task", task.id(), task.version());
    }
  }

  /**
   * Writes version 1 only when the item does not exist, and version n only over version n - 1, so
   * of two concurrent updates of the same version exactly one succeeds.
   */
  private boolean putVersion(Map<String, AttributeValue> item, int version, String what) {
    if (version == 1) {
      return table.putIfAbsent(item, what);
    }
    return table.putIf(
        item,
        "#version = :previous",
        Map.of("#version", "version"),
        Map.of(":previous", n(version - 1)),
        what);
  }

  @Override
  public Optional<TaskRecord> findTask(String tenant, String id) {
    String pk = tenantPartition(tenant);
    return table.get(pk, TASK + id, "read task " + id).map(item -> toTask(tenant, item));
  }

  @Override
  public List<TaskRecord> tasks(String tenant, String agentId) {
    String prefix = ExecutionTable.scopePrefix(AGENT_TASK, agentId);
    return table
        .query(tenantPartition(tenant), prefix, List.of("taskId"), "list tasks of agent " + agentId)
        .stream()
        .map(item -> findTask(tenant, item.get("taskId").s()))
        .flatMap(Optional::stream)
        .filter(task -> task.agentId().equals(agentId))
        .sorted(Comparator.comparing(TaskRecord::createdAt).thenComparing(TaskRecord::id))
        .toList();
  }

  private TaskRecord toTask(String tenant, Map<String, AttributeValue> item) {
    return new TaskRecord(
        tenant,
        item.get("id").s(),
        item.get("agentId").s(),
        item.get("name").s(),
        Integer.parseInt(item.get("version").n()),
        text.read(tenantPartition(tenant), item, "text"),
        Instant.parse(item.get("createdAt").s()),
        Instant.parse(item.get("updatedAt").s()));
  }

  // Executions

  @Override
  public void putExecution(String tenant, String taskId, String executionId) {
    // The listing item goes first, so the execution is listed once it can be read. Both writes
    // are first-wins, so a retry keeps the first creation time.
    Map<String, AttributeValue> listed =
        newItem(tenant, sortKey(TASK_EXECUTION, taskId, executionId));
    listed.put("executionId", s(executionId));
    listed.put("createdAt", s(DynamoDbExecutionStore.SORTABLE_TIME.format(clock.instant())));
    table.putIfAbsent(listed, "list execution " + executionId + " under task " + taskId);

    Map<String, AttributeValue> owner = newItem(tenant, EXECUTION + executionId);
    owner.put("taskId", s(taskId));
    table.putIfAbsent(owner, "record the owner of execution " + executionId);
  }

  @Override
  public Optional<String> findExecutionTask(String tenant, String executionId) {
    return table
        .get(tenantPartition(tenant), EXECUTION + executionId, "read execution " + executionId)
        .map(item -> item.get("taskId").s());
  }

  @Override
  public List<String> executions(String tenant, String taskId) {
    String prefix = ExecutionTable.scopePrefix(TASK_EXECUTION, taskId);
    return table
        .query(
            tenantPartition(tenant),
            prefix,
            List.of("executionId", "createdAt"),
            "list executions of task " + taskId)
        .stream()
        .sorted(
            Comparator.comparing((Map<String, AttributeValue> item) -> item.get("createdAt").s())
                .thenComparing(item -> item.get("executionId").s()))
        .map(item -> item.get("executionId").s())
        .toList();
  }

  // Client tokens

  @Override
  public ClientToken putClientToken(ClientToken token) {
    Map<String, AttributeValue> item = newItem(token.tenant(), CLIENT_TOKEN + token.token());
    item.put("requestHash", s(token.requestHash()));
    item.put("executionId", s(token.executionId()));
    if (table.putIfAbsent(item, "store a client token")) {
      return token;
    }
    Map<String, AttributeValue> stored =
        table
            .get(
                tenantPartition(token.tenant()),
                CLIENT_TOKEN + token.token(),
                "read a client token")
            .orElseThrow();
    return new ClientToken(
        token.tenant(),
        token.token(),
        stored.get("requestHash").s(),
        stored.get("executionId").s());
  }

  @Override
  public void releaseClientToken(ClientToken token) {
    table.deleteIf(
        tenantPartition(token.tenant()),
        CLIENT_TOKEN + token.token(),
        "#execution = :execution",
        Map.of("#execution", "executionId"),
        Map.of(":execution", s(token.executionId())),
        "release a client token");
  }

  private static Map<String, AttributeValue> newItem(String tenant, String sortKey) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ExecutionTable.PARTITION_KEY, s(tenantPartition(tenant)));
    item.put(ExecutionTable.SORT_KEY, s(sortKey));
    return item;
  }

  private static ObjectNode parseObject(String json) {
    try {
      JsonNode node = JsonValues.mapper().readTree(json);
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to decode stored agent fields", e);
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
