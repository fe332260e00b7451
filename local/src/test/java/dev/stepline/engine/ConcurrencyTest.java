package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Checks that Parallel branches and Map iterations run on several threads at once, bounded. */
class ConcurrencyTest {
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:";

  /** A handler that passes only when {@code parties} tasks wait at the barrier together. */
  private static TaskHandler meetAt(CyclicBarrier barrier) {
    return (resource, parameters, token, context) -> {
      try {
        barrier.await(30, TimeUnit.SECONDS);
        return parameters;
      } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
        throw new TaskFailedException("Barrier.Broken", "the tasks did not run at the same time");
      }
    };
  }

  private static ExecutionResult run(TaskHandler handler, String definition, String input)
      throws Exception {
    try (AslEngine engine = AslEngine.builder().taskHandler(handler).build()) {
      engine.registerStateMachine(ARN + "c", definition.replace('\'', '"'), Map.of());
      JsonNode json = Json.MAPPER.readTree(input.replace('\'', '"'));
      return engine.startExecution(ARN + "c", "run", json).await();
    }
  }

  @Test
  void parallelBranchesRunAtTheSameTime() throws Exception {
    String branch = "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','End':true}}}";
    ExecutionResult result =
        run(
            meetAt(new CyclicBarrier(3)),
            "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':["
                + branch
                + ","
                + branch
                + ","
                + branch
                + "]}}}",
            "{'v':1}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).hasSize(3);
  }

  @Test
  void mapIterationsRunAtTheSameTime() throws Exception {
    ExecutionResult result =
        run(
            meetAt(new CyclicBarrier(4)),
            "{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':"
                + "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','End':true}}}}}}",
            "[1,2,3,4]");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString()).isEqualTo("[1,2,3,4]");
  }

  @Test
  void mapMaxConcurrencyBoundsRunningIterations() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    TaskHandler counting =
        (resource, parameters, token, context) -> {
          int now = running.incrementAndGet();
          maxRunning.accumulateAndGet(now, Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          return parameters;
        };

    ExecutionResult result =
        run(
            counting,
            "{'StartAt':'M','States':{'M':{'Type':'Map','MaxConcurrency':2,'End':true,'ItemProcessor':"
                + "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','End':true}}}}}}",
            "[1,2,3,4,5,6,7,8]");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(maxRunning.get()).isBetween(1, 2);
  }
}
