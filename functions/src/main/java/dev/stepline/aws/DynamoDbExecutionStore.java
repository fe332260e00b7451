package dev.stepline.aws;

import static dev.stepline.aws.ExecutionTable.COLLECTION;
import static dev.stepline.aws.ExecutionTable.EXECUTION;
import static dev.stepline.aws.ExecutionTable.FAILURE;
import static dev.stepline.aws.ExecutionTable.SCOPE_START;
import static dev.stepline.aws.ExecutionTable.STATE;
import static dev.stepline.aws.ExecutionTable.STEP;
import static dev.stepline.aws.ExecutionTable.TOKEN;
import static dev.stepline.aws.ExecutionTable.TRANSITION;
import static dev.stepline.aws.ExecutionTable.partitionKey;
import static dev.stepline.aws.ExecutionTable.scopePrefix;
import static dev.stepline.aws.ExecutionTable.sortKey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.store.Cursor;
import dev.stepline.runtime.store.ExecutionNotFoundException;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.InvalidStatusChangeException;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.runtime.store.Transition;
import dev.stepline.runtime.store.TransitionType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link ExecutionStore} in one DynamoDB table, laid out as {@link ExecutionTable} describes and
 * {@code docs/storage.md} explains.
 *
 * <p>Every first-wins record is a {@code PutItem} with {@code attribute_not_exists(pk)}, so a Task
 * state that Step Functions runs twice leaves one record and reads back the first. Status changes
 * read the execution, check {@link ExecutionStatus#canChangeTo}, and write with a condition on the
 * status they read, so a finished execution can never become running again, even under concurrent
 * writers. Records are ordered by a counter on the execution item, which also proves that the
 * execution exists before anything is written under it. All reads are strongly consistent.
 */
public final class DynamoDbExecutionStore implements ExecutionStore {
  private static final int MAX_STATUS_ATTEMPTS = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

  /** Fixed-width UTC time, so that index sort keys order by time. */
  static final DateTimeFormatter SORTABLE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final TableAccess table;
  private final LargeText text;
  private final Duration timeToLive;
  private final Clock clock;

  /**
   * @param client the DynamoDB client, shared by every invocation of a Lambda container
   * @param tableName the table, created as {@link ExecutionTable#create} does
   * @param timeToLive how long items live after they are written, or {@code null} to keep them
   */
  public DynamoDbExecutionStore(DynamoDbClient client, String tableName, Duration timeToLive) {
    this(client, tableName, timeToLive, Clock.systemUTC());
  }

  DynamoDbExecutionStore(
      DynamoDbClient client, String tableName, Duration timeToLive, Clock clock) {
    this.table = new TableAccess(client, tableName);
    this.text = new LargeText(client, tableName);
    this.timeToLive = timeToLive == null || timeToLive.isZero() ? null : timeToLive;
    this.clock = clock;
  }

  // Executions

  @Override
  public ExecutionRecord createExecution(ExecutionRecord execution) {
    String pk = partitionKey(execution.id());
    Map<String, AttributeValue> item = newItem(pk, EXECUTION);
    item.put("id", s(execution.id()));
    item.put("taskId", s(execution.taskId()));
    if (execution.tenant() != null) {
      item.put("tenant", s(execution.tenant()));
    }
    item.put(
        ExecutionTable.INDEX_PARTITION_KEY, s(ExecutionTable.taskPartition(execution.taskId())));
    item.putAll(statusAttributes(execution));
    item.put("createdAt", s(execution.createdAt().toString()));
    item.putAll(text.write(pk, "taskText", execution.taskText(), expiresAt()));
    item.putAll(text.write(pk, "input", execution.input(), expiresAt()));
    item.putAll(text.write(pk, "output", execution.output(), expiresAt()));
    item.putAll(failureAttributes(pk, "error", execution.error()));
    if (table.putIfAbsent(item, "create execution " + execution.id())) {
      return execution;
    }
    return findExecution(execution.id()).orElseThrow();
  }

  @Override
  public Optional<ExecutionRecord> findExecution(String executionId) {
    String pk = partitionKey(executionId);
    return table.get(pk, EXECUTION, "read execution " + executionId).map(this::toExecution);
  }

  /**
   * Lists the executions of a task that have a status, newest first, from the task and status
   * index. The index is eventually consistent: a change made a moment ago may not show yet.
   */
  public List<ExecutionSummary> listExecutions(String taskId, ExecutionStatus status, int limit) {
    return table
        .queryIndex(
            ExecutionTable.taskPartition(taskId),
            status.wireName() + ExecutionTable.SEPARATOR,
            limit,
            "list " + status.wireName() + " executions of task " + taskId)
        .stream()
        .map(
            item ->
                new ExecutionSummary(
                    item.get("id").s(),
                    item.get("taskId").s(),
                    ExecutionStatus.fromWireName(item.get("status").s()),
                    Instant.parse(item.get("createdAt").s()),
                    Instant.parse(item.get("updatedAt").s())))
        .toList();
  }

  @Override
  public ExecutionRecord updateStatus(String executionId, ExecutionStatus status) {
    return changeStatus(
        executionId, status, current -> current.output(), current -> current.error());
  }

  @Override
  public ExecutionRecord succeed(String executionId, String output) {
    return changeStatus(executionId, ExecutionStatus.SUCCEEDED, current -> output, current -> null);
  }

  @Override
  public ExecutionRecord fail(String executionId, Failure error) {
    return changeStatus(executionId, ExecutionStatus.FAILED, current -> null, current -> error);
  }

  private ExecutionRecord changeStatus(
      String executionId,
      ExecutionStatus next,
      java.util.function.Function<ExecutionRecord, String> output,
      java.util.function.Function<ExecutionRecord, Failure> error) {
    for (int attempt = 1; ; attempt++) {
      ExecutionRecord current =
          findExecution(executionId).orElseThrow(() -> new ExecutionNotFoundException(executionId));
      if (!current.status().canChangeTo(next)) {
        throw new InvalidStatusChangeException(executionId, current.status(), next);
      }
      if (current.status() == next) {
        return current;
      }
      ExecutionRecord changed =
          new ExecutionRecord(
              current.id(),
              current.taskId(),
              current.taskText(),
              current.input(),
              next,
              output.apply(current),
              error.apply(current),
              current.createdAt(),
              clock.instant(),
              current.tenant());
      if (writeStatus(current, changed)) {
        return changed;
      }
      if (attempt == MAX_STATUS_ATTEMPTS) {
        throw new IllegalStateException(
            "the status of execution "
                + executionId
                + " changed concurrently "
                + attempt
                + " times while setting it to "
                + next.wireName());
      }
    }
  }

  /** Writes the changed status, unless another writer changed the status since it was read. */
  private boolean writeStatus(ExecutionRecord current, ExecutionRecord changed) {
    String pk = partitionKey(current.id());
    Map<String, AttributeValue> set = statusAttributes(changed);
    if (changed.output() != null && !changed.output().equals(current.output())) {
      set.putAll(text.write(pk, "output", changed.output(), expiresAt()));
    }
    if (changed.error() != null && !changed.error().equals(current.error())) {
      set.putAll(failureAttributes(pk, "error", changed.error()));
    }
    return table.updateIf(
        pk,
        EXECUTION,
        set,
        "#status = :expected",
        Map.of("#status", "status"),
        Map.of(":expected", s(current.status().wireName())),
        "set the status of execution " + current.id() + " to " + changed.status().wireName());
  }

  private Map<String, AttributeValue> statusAttributes(ExecutionRecord execution) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    attributes.put("status", s(execution.status().wireName()));
    attributes.put("updatedAt", s(execution.updatedAt().toString()));
    attributes.put(
        ExecutionTable.INDEX_SORT_KEY,
        s(
            execution.status().wireName()
                + ExecutionTable.SEPARATOR
                + SORTABLE_TIME.format(execution.createdAt())
                + ExecutionTable.SEPARATOR
                + execution.id()));
    return attributes;
  }

  private ExecutionRecord toExecution(Map<String, AttributeValue> item) {
    String pk = item.get(ExecutionTable.PARTITION_KEY).s();
    return new ExecutionRecord(
        item.get("id").s(),
        item.get("taskId").s(),
        text.read(pk, item, "taskText"),
        text.read(pk, item, "input"),
        ExecutionStatus.fromWireName(item.get("status").s()),
        text.read(pk, item, "output"),
        toFailure(pk, item, "error"),
        Instant.parse(item.get("createdAt").s()),
        Instant.parse(item.get("updatedAt").s()),
        item.containsKey("tenant") ? item.get("tenant").s() : null);
  }

  // Transitions

  @Override
  public Transition recordTransition(String executionId, Transition transition) {
    String pk = partitionKey(executionId);
    Cursor cursor = transition.cursor();
    String sk = sortKey(TRANSITION, transition.type().wireName(), cursor.scope(), cursor.path());
    long sequence = nextSequence(executionId);

    Map<String, AttributeValue> item = newItem(pk, sk);
    item.put("seq", n(sequence));
    item.put("type", s(transition.type().wireName()));
    item.put("workflow", s(cursor.workflow()));
    item.put("path", s(cursor.path()));
    item.put("scope", s(cursor.scope()));
    putIfPresent(item, "label", transition.label());
    item.put("createdAt", s(transition.createdAt().toString()));
    item.putAll(text.write(pk, "output", transition.output(), expiresAt()));
    if (table.putIfAbsent(item, "record transition " + transition.key() + describe(executionId))) {
      return transition;
    }
    return toTransition(table.get(pk, sk, "read transition" + describe(executionId)).orElseThrow());
  }

  @Override
  public List<Transition> transitions(String executionId) {
    return queryOrdered(executionId, TRANSITION, "read transitions").stream()
        .map(this::toTransition)
        .toList();
  }

  private Transition toTransition(Map<String, AttributeValue> item) {
    String pk = item.get(ExecutionTable.PARTITION_KEY).s();
    return new Transition(
        TransitionType.fromWireName(item.get("type").s()),
        new Cursor(item.get("workflow").s(), item.get("path").s(), item.get("scope").s()),
        text.read(pk, item, "output"),
        stringOrNull(item, "label"),
        Instant.parse(item.get("createdAt").s()));
  }

  // Steps

  @Override
  public StepRecord recordStep(String executionId, StepRecord step) {
    String pk = partitionKey(executionId);
    String sk = sortKey(STEP, step.scope(), step.path());
    long sequence = nextSequence(executionId);

    Map<String, AttributeValue> item = newItem(pk, sk);
    item.put("seq", n(sequence));
    item.put("scope", s(step.scope()));
    item.put("path", s(step.path()));
    putIfPresent(item, "label", step.label());
    putIfPresent(item, "outputName", step.outputName());
    item.put("hasOutput", AttributeValue.fromBool(step.hasOutput()));
    item.putAll(text.write(pk, "input", step.input(), expiresAt()));
    item.putAll(text.write(pk, "output", step.output(), expiresAt()));
    String what = "record step " + step.path() + " in scope '" + step.scope() + "'";
    if (table.putIfAbsent(item, what + describe(executionId))) {
      return withSequence(step, step.output(), sequence);
    }

    StepRecord stored = readStep(pk, sk).orElseThrow();
    if (stored.hasOutput() || !step.hasOutput()) {
      return stored;
    }
    // A block step records its input when it starts and gains its output when its branch ends;
    // it then moves to the end of the order, because that is when its output was produced.
    Map<String, AttributeValue> set = text.write(pk, "output", step.output(), expiresAt());
    set.put("hasOutput", AttributeValue.fromBool(true));
    set.put("seq", n(sequence));
    boolean updated =
        table.updateIf(
            pk,
            sk,
            set,
            "#hasOutput = :false",
            Map.of("#hasOutput", "hasOutput"),
            Map.of(":false", AttributeValue.fromBool(false)),
            "add the output of " + what + describe(executionId));
    return updated ? withSequence(stored, step.output(), sequence) : readStep(pk, sk).orElseThrow();
  }

  @Override
  public Optional<StepRecord> findStep(String executionId, String scope, String path) {
    Optional<StepRecord> step = readStep(partitionKey(executionId), sortKey(STEP, scope, path));
    if (step.isEmpty()) {
      requireExecution(executionId);
    }
    return step;
  }

  @Override
  public Optional<StepRecord> findStepByLabel(String executionId, String scope, String label) {
    return latest(executionId, scope, step -> label.equals(step.label()));
  }

  @Override
  public Optional<StepRecord> findStepByOutputName(
      String executionId, String scope, String outputName) {
    return latest(executionId, scope, step -> outputName.equals(step.outputName()));
  }

  @Override
  public List<StepRecord> steps(String executionId, String scope) {
    String pk = partitionKey(executionId);
    List<Map<String, AttributeValue>> items =
        table.query(pk, scopePrefix(STEP, scope), null, "read steps" + describe(executionId));
    if (items.isEmpty()) {
      requireExecution(executionId);
    }
    return items.stream()
        .map(item -> toStep(pk, item))
        .sorted(Comparator.comparingLong(StepRecord::sequence))
        .toList();
  }

  @Override
  public Optional<StepRecord> lastOutput(String executionId, String scope) {
    return latest(executionId, scope, StepSummary::hasOutput);
  }

  /**
   * Finds the latest step of a scope that matches, reading only the small attributes of each step
   * and then the one full record.
   */
  private Optional<StepRecord> latest(
      String executionId, String scope, Predicate<StepSummary> filter) {
    String pk = partitionKey(executionId);
    List<Map<String, AttributeValue>> items =
        table.query(
            pk,
            scopePrefix(STEP, scope),
            List.of(ExecutionTable.SORT_KEY, "seq", "label", "outputName", "hasOutput"),
            "find steps in scope '" + scope + "'" + describe(executionId));
    if (items.isEmpty()) {
      requireExecution(executionId);
    }
    return items.stream()
        .map(StepSummary::of)
        .filter(filter)
        .max(Comparator.comparingLong(StepSummary::sequence))
        .flatMap(summary -> readStep(pk, summary.sortKey()));
  }

  /** The attributes of a step record that searches filter on. */
  private record StepSummary(
      String sortKey, long sequence, String label, String outputName, boolean hasOutput) {
    static StepSummary of(Map<String, AttributeValue> item) {
      return new StepSummary(
          item.get(ExecutionTable.SORT_KEY).s(),
          Long.parseLong(item.get("seq").n()),
          stringOrNull(item, "label"),
          stringOrNull(item, "outputName"),
          item.get("hasOutput").bool());
    }
  }

  private Optional<StepRecord> readStep(String pk, String sk) {
    return table.get(pk, sk, "read step " + readable(sk)).map(item -> toStep(pk, item));
  }

  private StepRecord toStep(String pk, Map<String, AttributeValue> item) {
    return new StepRecord(
        item.get("scope").s(),
        item.get("path").s(),
        stringOrNull(item, "label"),
        stringOrNull(item, "outputName"),
        text.read(pk, item, "input"),
        text.read(pk, item, "output"),
        Long.parseLong(item.get("seq").n()));
  }

  private static StepRecord withSequence(StepRecord step, String output, long sequence) {
    return new StepRecord(
        step.scope(), step.path(), step.label(), step.outputName(), step.input(), output, sequence);
  }

  // Scope start values and loop collections

  @Override
  public String putScopeStart(String executionId, String scope, String value) {
    String pk = partitionKey(executionId);
    String sk = sortKey(SCOPE_START, scope);
    nextSequence(executionId);

    Map<String, AttributeValue> item = newItem(pk, sk);
    item.putAll(text.write(pk, "value", value, expiresAt()));
    if (table.putIfAbsent(
        item, "store the start of scope '" + scope + "'" + describe(executionId))) {
      return value;
    }
    return findScopeStart(executionId, scope).orElseThrow();
  }

  @Override
  public Optional<String> findScopeStart(String executionId, String scope) {
    return readText(executionId, sortKey(SCOPE_START, scope), "value");
  }

  @Override
  public List<String> putCollection(
      String executionId, String scope, String path, List<String> items) {
    String pk = partitionKey(executionId);
    String sk = sortKey(COLLECTION, scope, path);
    nextSequence(executionId);

    Map<String, AttributeValue> item = newItem(pk, sk);
    item.putAll(text.write(pk, "items", toJson(items), expiresAt()));
    String what = "store the collection of " + path + " in scope '" + scope + "'";
    if (table.putIfAbsent(item, what + describe(executionId))) {
      return List.copyOf(items);
    }
    return findCollection(executionId, scope, path).orElseThrow();
  }

  @Override
  public Optional<List<String>> findCollection(String executionId, String scope, String path) {
    return readText(executionId, sortKey(COLLECTION, scope, path), "items")
        .map(DynamoDbExecutionStore::fromJson);
  }

  // State

  @Override
  public void putState(String executionId, Map<String, String> entries) {
    requireExecution(executionId);
    String pk = partitionKey(executionId);
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      Map<String, AttributeValue> item = newItem(pk, sortKey(STATE, entry.getKey()));
      item.put("key", s(entry.getKey()));
      item.putAll(text.write(pk, "value", entry.getValue(), expiresAt()));
      table.put(item, "set state key '" + entry.getKey() + "'" + describe(executionId));
    }
  }

  @Override
  public Map<String, String> state(String executionId) {
    String pk = partitionKey(executionId);
    List<Map<String, AttributeValue>> items =
        table.query(pk, STATE, null, "read state" + describe(executionId));
    if (items.isEmpty()) {
      requireExecution(executionId);
    }
    Map<String, String> state = new LinkedHashMap<>();
    for (Map<String, AttributeValue> item : items) {
      state.put(item.get("key").s(), text.read(pk, item, "value"));
    }
    return java.util.Collections.unmodifiableMap(state);
  }

  // Task tokens

  @Override
  public String putTaskToken(String executionId, String scope, String path, String token) {
    String pk = partitionKey(executionId);
    String sk = sortKey(TOKEN, scope, path);
    long sequence = nextSequence(executionId);

    Map<String, AttributeValue> item = newItem(pk, sk);
    item.put("seq", n(sequence));
    item.put("scope", s(scope));
    item.put("path", s(path));
    item.put("token", s(token));
    String what = "store the task token of " + path + " in scope '" + scope + "'";
    if (table.putIfAbsent(item, what + describe(executionId))) {
      return token;
    }
    return findTaskToken(executionId, scope, path).orElseThrow();
  }

  @Override
  public Optional<String> findTaskToken(String executionId, String scope, String path) {
    String sk = sortKey(TOKEN, scope, path);
    Optional<String> token =
        table
            .get(partitionKey(executionId), sk, "read task token" + describe(executionId))
            .map(item -> item.get("token").s());
    if (token.isEmpty()) {
      requireExecution(executionId);
    }
    return token;
  }

  @Override
  public List<PendingWait> pendingWaits(String executionId) {
    String pk = partitionKey(executionId);
    List<PendingWait> pending = new ArrayList<>();
    for (Map<String, AttributeValue> item : queryOrdered(executionId, TOKEN, "read task tokens")) {
      String scope = item.get("scope").s();
      String path = item.get("path").s();
      boolean answered =
          table
              .get(pk, sortKey(STEP, scope, path), "read step " + path + describe(executionId))
              .map(step -> step.get("hasOutput").bool())
              .orElse(false);
      if (!answered) {
        pending.add(new PendingWait(scope, path, item.get("token").s()));
      }
    }
    return List.copyOf(pending);
  }

  // Failures

  @Override
  public Failure recordFailure(String executionId, Failure failure) {
    String pk = partitionKey(executionId);
    String sk = sortKey(FAILURE, failure.scope(), failure.path());
    long sequence = nextSequence(executionId);

    Map<String, AttributeValue> item = newItem(pk, sk);
    item.put("seq", n(sequence));
    item.putAll(failureAttributes(pk, "", failure));
    String what = "record the failure of " + failure.path() + " in scope '" + failure.scope() + "'";
    if (table.putIfAbsent(item, what + describe(executionId))) {
      return failure;
    }
    return toFailure(
        pk, table.get(pk, sk, "read failure" + describe(executionId)).orElseThrow(), "");
  }

  @Override
  public List<Failure> failures(String executionId) {
    String pk = partitionKey(executionId);
    return queryOrdered(executionId, FAILURE, "read failures").stream()
        .map(item -> toFailure(pk, item, ""))
        .toList();
  }

  /** Returns the attributes of a failure, each name prefixed with {@code prefix}. */
  private Map<String, AttributeValue> failureAttributes(String pk, String prefix, Failure failure) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    if (failure == null) {
      return attributes;
    }
    attributes.put(attribute(prefix, "scope"), s(failure.scope()));
    attributes.put(attribute(prefix, "path"), s(failure.path()));
    attributes.put(attribute(prefix, "type"), s(failure.type()));
    attributes.putAll(text.write(pk, attribute(prefix, "message"), failure.message(), expiresAt()));
    return attributes;
  }

  private Failure toFailure(String pk, Map<String, AttributeValue> item, String prefix) {
    if (!item.containsKey(attribute(prefix, "type"))) {
      return null;
    }
    return new Failure(
        item.get(attribute(prefix, "scope")).s(),
        item.get(attribute(prefix, "path")).s(),
        item.get(attribute(prefix, "type")).s(),
        text.read(pk, item, attribute(prefix, "message")));
  }

  /** Returns {@code name}, or {@code prefix} followed by {@code name} capitalised. */
  private static String attribute(String prefix, String name) {
    if (prefix.isEmpty()) {
      return name;
    }
    return prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  // Shared helpers

  /**
   * Increments the execution's record counter and returns the new value.
   *
   * @throws ExecutionNotFoundException when the execution does not exist
   */
  private long nextSequence(String executionId) {
    return table
        .increment(
            partitionKey(executionId), EXECUTION, "seq", "number a record" + describe(executionId))
        .orElseThrow(() -> new ExecutionNotFoundException(executionId));
  }

  private void requireExecution(String executionId) {
    if (!table.exists(partitionKey(executionId), EXECUTION, "read execution " + executionId)) {
      throw new ExecutionNotFoundException(executionId);
    }
  }

  private List<Map<String, AttributeValue>> queryOrdered(
      String executionId, String kind, String what) {
    List<Map<String, AttributeValue>> items =
        new ArrayList<>(
            table.query(partitionKey(executionId), kind, null, what + describe(executionId)));
    if (items.isEmpty()) {
      requireExecution(executionId);
    }
    items.sort(Comparator.comparingLong(item -> Long.parseLong(item.get("seq").n())));
    return items;
  }

  private Optional<String> readText(String executionId, String sk, String name) {
    String pk = partitionKey(executionId);
    Optional<Map<String, AttributeValue>> item =
        table.get(pk, sk, "read " + readable(sk) + describe(executionId));
    if (item.isEmpty()) {
      requireExecution(executionId);
    }
    return item.map(found -> text.read(pk, found, name));
  }

  private Map<String, AttributeValue> newItem(String pk, String sk) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ExecutionTable.PARTITION_KEY, s(pk));
    item.put(ExecutionTable.SORT_KEY, s(sk));
    AttributeValue expiresAt = expiresAt();
    if (expiresAt != null) {
      item.put(ExecutionTable.EXPIRES_AT, expiresAt);
    }
    return item;
  }

  private AttributeValue expiresAt() {
    if (timeToLive == null) {
      return null;
    }
    return n(clock.instant().plus(timeToLive).getEpochSecond());
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String stringOrNull(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static String describe(String executionId) {
    return " of execution " + executionId;
  }

  /** Returns a sort key with its field separators shown as spaces, for messages. */
  static String readable(String sortKey) {
    return sortKey.replace(ExecutionTable.SEPARATOR, ' ');
  }

  private static String toJson(List<String> items) {
    try {
      return JSON.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to encode a loop collection", e);
    }
  }

  private static List<String> fromJson(String json) {
    try {
      return List.copyOf(JSON.readValue(json, STRING_LIST));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to decode a stored loop collection", e);
    }
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
