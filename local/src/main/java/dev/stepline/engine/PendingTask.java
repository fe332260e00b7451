package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@code .waitForTaskToken} task waiting for SendTaskSuccess, SendTaskFailure or heartbeats. */
final class PendingTask {
  private static final long POLL_MILLIS = 50;

  private final CompletableFuture<JsonNode> outcome = new CompletableFuture<>();
  private volatile long lastHeartbeatNanos = System.nanoTime();

  void succeed(JsonNode output) {
    outcome.complete(output);
  }

  void fail(String error, String cause) {
    outcome.completeExceptionally(new StateFailure(error, cause));
  }

  void heartbeat() {
    lastHeartbeatNanos = System.nanoTime();
  }

  /**
   * Waits for the outcome. {@code check} runs between polls and throws when the execution times out
   * or is cancelled.
   */
  JsonNode await(Integer timeoutSeconds, Integer heartbeatSeconds, Runnable check) {
    long start = System.nanoTime();
    while (true) {
      check.run();
      long now = System.nanoTime();
      if (timeoutSeconds != null && now - start >= TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
        throw new StateFailure(
            StateFailure.TIMEOUT, "Task timed out after " + timeoutSeconds + " seconds");
      }
      if (heartbeatSeconds != null
          && now - lastHeartbeatNanos >= TimeUnit.SECONDS.toNanos(heartbeatSeconds)) {
        throw new StateFailure(
            StateFailure.HEARTBEAT_TIMEOUT, "No heartbeat for " + heartbeatSeconds + " seconds");
      }
      try {
        return outcome.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // Poll again to check the timeouts.
      } catch (ExecutionException e) {
        throw (StateFailure) e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EngineSignals.Cancelled();
      }
    }
  }
}
