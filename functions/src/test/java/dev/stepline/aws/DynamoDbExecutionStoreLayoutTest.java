package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.store.Cursor;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.runtime.store.Transition;
import dev.stepline.runtime.store.TransitionType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** What the DynamoDB store does beyond the contract: large values, time to live, the index. */
@ExtendWith(MotoServer.class)
class DynamoDbExecutionStoreLayoutTest {
  private static final String TABLE = "stepline-layout";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final DynamoDbClient client;
  private DynamoDbExecutionStore store;
  private String id;

  DynamoDbExecutionStoreLayoutTest(MotoServer.Endpoint moto) {
    this.client = moto.dynamoDb();
    ExecutionTable.create(client, TABLE);
  }

  @BeforeEach
  void createExecution() {
    store =
        new DynamoDbExecutionStore(
            client, TABLE, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));
    id = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(id, "demo", "main: []", "{}"));
  }

  @Test
  void serverRejectsItemsAboveLimit() {
    // Proves that the large-value tests below would fail if the store inlined big values.
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS("EXEC#too-big"),
            "sk", AttributeValue.fromS("STEP#x"),
            "output", AttributeValue.fromS(json(450_000)));

    assertThatThrownBy(() -> client.putItem(request -> request.tableName(TABLE).item(item)))
        .isInstanceOf(DynamoDbException.class);
  }

  @Test
  void largeStepValuesRoundTrip() {
    String input = json(120_000);
    String output = json(1_200_000);

    store.recordStep(id, new StepRecord("", "main[0]", "big", "page", input, output, 0));

    StepRecord stored = store.findStep(id, "", "main[0]").orElseThrow();
    assertThat(stored.input()).isEqualTo(input);
    assertThat(stored.output()).isEqualTo(output);
    assertThat(store.lastOutput(id, "").orElseThrow().output()).isEqualTo(output);
    assertThat(store.findStepByLabel(id, "", "big").orElseThrow().output()).isEqualTo(output);
  }

  @Test
  void largeValueRetryKeepsFirst() {
    String first = json(500_000);
    store.recordStep(id, new StepRecord("", "main[0]", null, null, "{}", first, 0));

    StepRecord retried =
        store.recordStep(id, new StepRecord("", "main[0]", null, null, "{}", json(600_000), 0));

    assertThat(retried.output()).isEqualTo(first);
    assertThat(store.findStep(id, "", "main[0]").orElseThrow().output()).isEqualTo(first);
  }

  @Test
  void blockStepGainsLargeOutput() {
    String output = json(700_000);
    store.recordStep(id, new StepRecord("", "main[0]", null, null, "1", null, 0));

    store.recordStep(id, new StepRecord("", "main[0]", null, null, "1", output, 0));

    assertThat(store.findStep(id, "", "main[0]").orElseThrow().output()).isEqualTo(output);
  }

  @Test
  void largeExecutionValuesRoundTrip() {
    String taskText = "main:\n" + "  - evaluate: {x: $ 1}\n".repeat(30_000);
    String input = json(450_000);
    String large = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(large, "demo", taskText, input));
    store.updateStatus(large, ExecutionStatus.STARTING);
    store.updateStatus(large, ExecutionStatus.RUNNING);
    String output = json(900_000);

    store.succeed(large, output);

    ExecutionRecord stored = store.findExecution(large).orElseThrow();
    assertThat(stored.taskText()).isEqualTo(taskText);
    assertThat(stored.input()).isEqualTo(input);
    assertThat(stored.output()).isEqualTo(output);
  }

  @Test
  void largeFailureMessageRoundTrips() {
    String message = "x".repeat(420_000);
    store.updateStatus(id, ExecutionStatus.STARTING);

    store.recordFailure(id, new Failure("", "main[0]", "ValueError", message));
    store.fail(id, new Failure("", "main[0]", "ValueError", message));

    assertThat(store.failures(id).get(0).message()).isEqualTo(message);
    assertThat(store.findExecution(id).orElseThrow().error().message()).isEqualTo(message);
  }

  @Test
  void largeTransitionStateAndCollectionRoundTrip() {
    String output = json(800_000);
    store.recordTransition(
        id,
        new Transition(TransitionType.STEP, new Cursor("main", "main[0]", ""), output, null, NOW));
    String value = json(410_000);
    store.putState(id, Map.of("big", value, "small", "1"));
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      items.add("{\"index\": " + i + ", \"padding\": \"" + "p".repeat(300) + "\"}");
    }
    store.putCollection(id, "", "main[1]", items);
    String start = json(350_000);
    store.putScopeStart(id, "/main[1]#0", start);

    assertThat(store.transitions(id).get(0).output()).isEqualTo(output);
    assertThat(store.state(id)).containsEntry("big", value).containsEntry("small", "1");
    assertThat(store.findCollection(id, "", "main[1]").orElseThrow()).isEqualTo(items);
    assertThat(store.findScopeStart(id, "/main[1]#0")).contains(start);
  }

  @Test
  void multibyteTextSplitsWithoutDamage() {
    // Chunks split UTF-8 bytes, so a character may straddle two chunks.
    String output = "\"" + "é€😀".repeat(150_000) + "\"";

    store.recordStep(id, new StepRecord("", "main[0]", null, null, "{}", output, 0));

    assertThat(store.findStep(id, "", "main[0]").orElseThrow().output()).isEqualTo(output);
  }

  @Test
  void everyItemCarriesExpiry() {
    store.recordStep(id, new StepRecord("", "main[0]", null, null, "{}", json(100_000), 0));
    store.putState(id, Map.of("k", "1"));
    long expected = NOW.plus(Duration.ofDays(30)).getEpochSecond();

    List<Map<String, AttributeValue>> items =
        client
            .query(
                request ->
                    request
                        .tableName(TABLE)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS("EXEC#" + id))))
            .items();

    assertThat(items).hasSizeGreaterThan(3);
    for (Map<String, AttributeValue> item : items) {
      assertThat(item.get(ExecutionTable.EXPIRES_AT))
          .as("expiry of %s", item.get("sk").s())
          .isEqualTo(AttributeValue.fromN(Long.toString(expected)));
    }
  }

  @Test
  void noTimeToLiveWritesNoExpiry() {
    DynamoDbExecutionStore keeping = new DynamoDbExecutionStore(client, TABLE, null);
    String kept = "exec-" + UUID.randomUUID();
    keeping.createExecution(ExecutionRecord.queued(kept, "demo", "main: []", "{}"));

    Map<String, AttributeValue> item =
        client
            .getItem(
                request ->
                    request
                        .tableName(TABLE)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("EXEC#" + kept),
                                "sk", AttributeValue.fromS("EXECUTION"))))
            .item();

    assertThat(item).doesNotContainKey(ExecutionTable.EXPIRES_AT);
  }

  @Test
  void indexListsExecutionsByStatusNewestFirst() {
    String task = "task-" + UUID.randomUUID();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String execution = "exec-" + UUID.randomUUID();
      Instant created = NOW.plusSeconds(i);
      store.createExecution(
          new ExecutionRecord(
              execution,
              task,
              "main: []",
              "{}",
              ExecutionStatus.QUEUED,
              null,
              null,
              created,
              created,
              null));
      ids.add(execution);
    }
    store.updateStatus(ids.get(1), ExecutionStatus.STARTING);

    assertThat(store.listExecutions(task, ExecutionStatus.QUEUED, 10))
        .extracting(ExecutionSummary::id)
        .containsExactly(ids.get(2), ids.get(0));
    assertThat(store.listExecutions(task, ExecutionStatus.STARTING, 10))
        .singleElement()
        .satisfies(
            summary -> {
              assertThat(summary.id()).isEqualTo(ids.get(1));
              assertThat(summary.taskId()).isEqualTo(task);
              assertThat(summary.createdAt()).isEqualTo(NOW.plusSeconds(1));
            });
    assertThat(store.listExecutions(task, ExecutionStatus.QUEUED, 1)).hasSize(1);
  }

  @Test
  void finishedExecutionStaysFinishedUnderRetry() {
    store.updateStatus(id, ExecutionStatus.STARTING);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    store.succeed(id, "\"done\"");

    ExecutionRecord retried = store.succeed(id, "\"other\"");

    assertThat(retried.output()).isEqualTo("\"done\"");
    assertThatThrownBy(() -> store.fail(id, new Failure("", "", "Error", "late")))
        .hasMessage("invalid status change for execution " + id + ": succeeded -> failed");
  }

  private static String json(int length) {
    StringBuilder text = new StringBuilder(length + 16).append("{\"data\": \"");
    for (int i = 0; text.length() < length; i++) {
      text.append((char) ('a' + i % 26));
    }
    return text.append("\"}").toString();
  }
}
