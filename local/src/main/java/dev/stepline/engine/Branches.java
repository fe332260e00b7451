package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the branches of a Parallel state or the iterations of a Map state on the engine's threads,
 * at most {@code maxConcurrency} at a time (0 means no limit), and collects their outputs in order.
 * The first failure cancels the others; it is thrown once all of them have stopped.
 */
final class Branches {
  /** One branch or iteration, run in its own scope. */
  interface Job {
    JsonNode run(Scope scope);
  }

  private final ExecutorService pool;
  private final Scope parent;
  private final int maxConcurrency;

  Branches(ExecutorService pool, Scope parent, int maxConcurrency) {
    this.pool = pool;
    this.parent = parent;
    this.maxConcurrency = maxConcurrency;
  }

  ArrayNode runAll(List<Job> jobs) {
    ArrayNode output = JsonNodeFactory.instance.arrayNode(jobs.size());
    if (jobs.isEmpty()) {
      return output;
    }
    Scope group = parent.child(parent.lastEventId);
    JsonNode[] results = new JsonNode[jobs.size()];
    AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
    Semaphore permits = new Semaphore(maxConcurrency == 0 ? jobs.size() : maxConcurrency);
    CountDownLatch done = new CountDownLatch(jobs.size());
    try {
      for (int i = 0; i < jobs.size(); i++) {
        permits.acquire();
        if (firstFailure.get() != null) {
          done.countDown();
          permits.release();
          continue;
        }
        int index = i;
        Scope child = group.child(group.lastEventId);
        pool.execute(
            () -> {
              try {
                results[index] = jobs.get(index).run(child);
              } catch (RuntimeException e) {
                if (firstFailure.compareAndSet(null, e)) {
                  group.cancel();
                }
              } finally {
                permits.release();
                done.countDown();
              }
            });
      }
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      group.cancel();
      throw new EngineSignals.Cancelled();
    }
    if (firstFailure.get() != null) {
      throw firstFailure.get();
    }
    for (JsonNode result : results) {
      output.add(result);
    }
    return output;
  }
}
