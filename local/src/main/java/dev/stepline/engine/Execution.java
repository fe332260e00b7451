package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A started execution of a state machine on the embedded engine. */
public final class Execution {
  private final String arn;
  private final String name;
  private final String stateMachineArn;
  private final JsonNode input;
  private final Instant startDate;
  private final History history;
  private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
  private volatile Instant stopDate;
  private volatile String stopCause;

  Execution(
      String arn,
      String name,
      String stateMachineArn,
      JsonNode input,
      Instant startDate,
      History history) {
    this.arn = arn;
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.input = input;
    this.startDate = startDate;
    this.history = history;
  }

  public String arn() {
    return arn;
  }

  public String name() {
    return name;
  }

  public String stateMachineArn() {
    return stateMachineArn;
  }

  public JsonNode input() {
    return input;
  }

  public Instant startDate() {
    return startDate;
  }

  /** Returns when the execution ended, or {@code null} while it runs. */
  public Instant stopDate() {
    return stopDate;
  }

  public ExecutionStatus status() {
    return result.isDone() ? result.join().status() : ExecutionStatus.RUNNING;
  }

  /** Waits for the execution to end and returns how it ended. */
  public ExecutionResult await() {
    return result.join();
  }

  /**
   * Waits at most {@code timeout} for the execution to end.
   *
   * @throws TimeoutException when it is still running after {@code timeout}
   */
  public ExecutionResult await(Duration timeout) throws TimeoutException, InterruptedException {
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the execution ended abnormally", e.getCause());
    }
  }

  /** Returns the events so far in GetExecutionHistory shape, oldest first. */
  public List<JsonNode> history() {
    return history.events();
  }

  /** Returns the cause given to {@link AslEngine#stopExecution}, or {@code null}. */
  String stopCause() {
    return stopCause;
  }

  void requestStop(String cause) {
    stopCause = cause == null ? "stopped" : cause;
  }

  History historyLog() {
    return history;
  }

  CompletableFuture<ExecutionResult> future() {
    return result;
  }

  void finish(ExecutionResult outcome, Instant stoppedAt) {
    stopDate = stoppedAt;
    result.complete(outcome);
  }
}
