package dev.stepline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiStore.AgentRecord;
import dev.stepline.api.ApiStore.ClientToken;
import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.runtime.JsonValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ApiStore} must have. A backend's test extends this class and returns a
 * store from {@link #newStore()}. Each test uses fresh tenant names, so a store may be shared
 * across tests.
 */
public abstract class ApiStoreContract {
  private static final Instant START = Instant.parse("2026-01-02T03:04:05.123456Z");

  protected abstract ApiStore newStore();

  private ApiStore store;
  private String tenant;
  private String otherTenant;

  @BeforeEach
  void createStore() {
    store = newStore();
    tenant = "tenant-" + UUID.randomUUID();
    otherTenant = "tenant-" + UUID.randomUUID();
  }

  @Test
  void agentRoundTrips() {
    AgentRecord agent = agent(tenant, "ada", 0);

    store.putAgent(agent);

    AgentRecord found = store.findAgent(tenant, agent.id()).orElseThrow();
    assertThat(found.fields()).isEqualTo(agent.fields());
    assertThat(found.createdAt()).isEqualTo(agent.createdAt());
    assertThat(found.updatedAt()).isEqualTo(agent.updatedAt());
    assertThat(found.tenant()).isEqualTo(tenant);
  }

  @Test
  void agentsListOldestFirstPerTenant() {
    AgentRecord first = agent(tenant, "first", 1);
    AgentRecord second = agent(tenant, "second", 2);
    AgentRecord third = agent(tenant, "third", 3);
    store.putAgent(first);
    store.putAgent(agent(otherTenant, "other", 0));
    store.putAgent(second);
    store.putAgent(third);

    assertThat(store.agents(tenant))
        .extracting(AgentRecord::id)
        .containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void otherTenantCannotReadAgent() {
    AgentRecord agent = agent(tenant, "ada", 0);
    store.putAgent(agent);

    assertThat(store.findAgent(otherTenant, agent.id())).isEmpty();
    assertThat(store.agents(otherTenant)).isEmpty();
  }

  @Test
  void taskRoundTrips() {
    TaskRecord task = task(tenant, "agent-1", "name: greet\nmain: []\n", 0);

    store.putTask(task);

    assertThat(store.findTask(tenant, task.id())).contains(task);
  }

  @Test
  void largeTaskTextRoundTrips() {
    String text = "name: big\n# " + "é".repeat(300_000) + "\nmain: []\n";
    TaskRecord task = task(tenant, "agent-1", text, 0);

    store.putTask(task);

    assertThat(store.findTask(tenant, task.id()).orElseThrow().text()).isEqualTo(text);
  }

  @Test
  void nextVersionReplacesTask() {
    TaskRecord task = task(tenant, "agent-1", "name: greet\nmain: []\n", 0);
    store.putTask(task);
    TaskRecord changed = nextVersion(task, "name: greet\nmain: [{evaluate: {x: 1}}]\n");

    store.putTask(changed);

    assertThat(store.findTask(tenant, task.id())).contains(changed);
    assertThat(store.tasks(tenant, "agent-1")).containsExactly(changed);
  }

  @Test
  void sameVersionTwiceConflicts() {
    TaskRecord task = task(tenant, "agent-1", "name: greet\nmain: []\n", 0);
    store.putTask(task);
    TaskRecord first = nextVersion(task, "name: greet\nmain: [{evaluate: {x: 1}}]\n");
    TaskRecord second = nextVersion(task, "name: greet\nmain: [{evaluate: {x: 2}}]\n");
    store.putTask(first);

    assertThatThrownBy(() -> store.putTask(second))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageStartingWith("task " + task.id() + " already has version 2");
    assertThatThrownBy(() -> store.putTask(task)).isInstanceOf(ApiException.class);
    assertThat(store.findTask(tenant, task.id())).contains(first);
  }

  @Test
  void skippedVersionConflicts() {
    TaskRecord task = task(tenant, "agent-1", "name: greet\nmain: []\n", 0);
    store.putTask(task);
    TaskRecord skipped = nextVersion(nextVersion(task, "name: a\nmain: []\n"), "name: b\n");

    assertThatThrownBy(() -> store.putTask(skipped)).isInstanceOf(ApiException.class);
    assertThat(store.findTask(tenant, task.id())).contains(task);
  }

  @Test
  void firstClientTokenWins() {
    ClientToken first = new ClientToken(tenant, "token-1", "hash-a", "exec-a");

    ClientToken stored = store.putClientToken(first);
    ClientToken again =
        store.putClientToken(new ClientToken(tenant, "token-1", "hash-b", "exec-b"));
    ClientToken other =
        store.putClientToken(new ClientToken(otherTenant, "token-1", "h", "exec-c"));

    assertThat(stored).isEqualTo(first);
    assertThat(again).isEqualTo(first);
    assertThat(other.executionId()).isEqualTo("exec-c");
  }

  @Test
  void concurrentClaimsReturnFirstToken() throws Exception {
    int requests = 8;
    CountDownLatch ready = new CountDownLatch(requests);
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Future<ClientToken>> claims = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        ClientToken token = new ClientToken(tenant, "token-1", "hash", "exec-" + i);
        Callable<ClientToken> claim =
            () -> {
              ready.countDown();
              ready.await();
              return store.putClientToken(token);
            };
        claims.add(pool.submit(claim));
      }

      List<String> winners = new ArrayList<>();
      for (Future<ClientToken> claim : claims) {
        winners.add(claim.get().executionId());
      }
      assertThat(winners).hasSize(requests).containsOnly(winners.get(0));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void releaseKeepsAnotherRequestsClaim() {
    ClientToken first = new ClientToken(tenant, "token-1", "hash", "exec-1");
    ClientToken second = new ClientToken(tenant, "token-1", "hash", "exec-2");
    store.putClientToken(first);

    store.releaseClientToken(second);

    assertThat(store.putClientToken(second)).isEqualTo(first);
  }

  @Test
  void releasedTokenCanBeClaimedAgain() {
    ClientToken failed = new ClientToken(tenant, "token-1", "hash", "exec-1");
    ClientToken retry = new ClientToken(tenant, "token-1", "hash", "exec-2");
    store.putClientToken(failed);

    store.releaseClientToken(failed);

    assertThat(store.putClientToken(retry)).isEqualTo(retry);
  }

  @Test
  void releaseKeepsOtherTenantsToken() {
    ClientToken mine = new ClientToken(tenant, "token-1", "hash", "exec-1");
    ClientToken theirs = new ClientToken(otherTenant, "token-1", "hash", "exec-1");
    store.putClientToken(mine);
    store.putClientToken(theirs);

    store.releaseClientToken(mine);

    assertThat(store.putClientToken(new ClientToken(otherTenant, "token-1", "hash", "exec-3")))
        .isEqualTo(theirs);
  }

  @Test
  void releasingUnknownTokenDoesNothing() {
    store.releaseClientToken(new ClientToken(tenant, "token-9", "hash", "exec-9"));

    ClientToken claim = new ClientToken(tenant, "token-9", "hash", "exec-10");
    assertThat(store.putClientToken(claim)).isEqualTo(claim);
  }

  @Test
  void tasksListPerAgentOldestFirst() {
    TaskRecord first = task(tenant, "agent-1", "name: a\nmain: []\n", 1);
    TaskRecord second = task(tenant, "agent-1", "name: b\nmain: []\n", 2);
    TaskRecord third = task(tenant, "agent-1", "name: c\nmain: []\n", 3);
    store.putTask(first);
    store.putTask(task(tenant, "agent-2", "name: d\nmain: []\n", 0));
    store.putTask(second);
    store.putTask(third);

    assertThat(store.tasks(tenant, "agent-1")).containsExactly(first, second, third);
  }

  @Test
  void otherTenantCannotReadTask() {
    TaskRecord task = task(tenant, "agent-1", "name: greet\nmain: []\n", 0);
    store.putTask(task);

    assertThat(store.findTask(otherTenant, task.id())).isEmpty();
    assertThat(store.tasks(otherTenant, "agent-1")).isEmpty();
  }

  @Test
  void executionsListPerTaskOldestFirst() {
    store.putExecution(tenant, "task-1", "exec-1");
    store.putExecution(tenant, "task-2", "exec-2");
    store.putExecution(tenant, "task-1", "exec-3");
    store.putExecution(tenant, "task-1", "exec-0");

    assertThat(store.executions(tenant, "task-1")).containsExactly("exec-1", "exec-3", "exec-0");
    assertThat(store.findExecutionTask(tenant, "exec-2")).contains("task-2");
  }

  @Test
  void otherTenantCannotReadExecution() {
    store.putExecution(tenant, "task-1", "exec-1");

    assertThat(store.findExecutionTask(otherTenant, "exec-1")).isEmpty();
    assertThat(store.executions(otherTenant, "task-1")).isEmpty();
  }

  @Test
  void unknownIdsAreEmpty() {
    assertThat(store.findAgent(tenant, "nope")).isEmpty();
    assertThat(store.findTask(tenant, "nope")).isEmpty();
    assertThat(store.findExecutionTask(tenant, "nope")).isEmpty();
    assertThat(store.agents(tenant)).isEmpty();
    assertThat(store.tasks(tenant, "nope")).isEmpty();
    assertThat(store.executions(tenant, "nope")).isEmpty();
  }

  private static AgentRecord agent(String tenant, String name, int secondsAfterStart) {
    ObjectNode fields = JsonValues.mapper().createObjectNode();
    fields.put("name", name);
    fields.putObject("metadata").put("team", "docs");
    Instant at = START.plusSeconds(secondsAfterStart);
    return new AgentRecord(tenant, UUID.randomUUID().toString(), fields, at, at);
  }

  private static TaskRecord task(String tenant, String agentId, String text, int secondsAfter) {
    Instant at = START.plusSeconds(secondsAfter).truncatedTo(ChronoUnit.MICROS);
    return new TaskRecord(tenant, UUID.randomUUID().toString(), agentId, "greet", 1, text, at, at);
  }

  private static TaskRecord nextVersion(TaskRecord task, String text) {
    return new TaskRecord(
        task.tenant(),
        task.id(),
        task.agentId(),
        task.name(),
        task.version() + 1,
        text,
        task.createdAt(),
        task.updatedAt().plusSeconds(1));
  }
}
