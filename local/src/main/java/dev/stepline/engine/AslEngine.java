package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded interpreter of Amazon States Language (JSONPath mode) that runs state machines in
 * process, with Task states resolved through a {@link TaskHandler}.
 *
 * <p>The engine is thread-safe. Each execution runs on the engine's own daemon threads, and so do
 * the branches of Parallel states and the iterations of Map states. Executions and their histories
 * stay in memory: all running ones and the most recent finished ones (see {@link
 * Builder#keepFinishedExecutions}).
 */
public final class AslEngine implements AutoCloseable {
  private static final String DEFAULT_REGION = "us-east-1";
  private static final String DEFAULT_ACCOUNT = "123456789012";

  private final TaskHandler taskHandler;
  private final boolean fastWaits;
  private final Clock clock;
  private final String region;
  private final String roleArn;
  private final ExecutorService pool;
  private final Map<String, StateMachine> machines = new ConcurrentHashMap<>();
  private final Map<String, Execution> executions = new ConcurrentHashMap<>();
  private final Map<String, PendingTask> pendingTasks = new ConcurrentHashMap<>();
  private final Queue<String> finished = new ConcurrentLinkedQueue<>();
  private final AtomicInteger finishedCount = new AtomicInteger();
  private final Set<String> takenTransitions = ConcurrentHashMap.newKeySet();
  private final int keepFinishedExecutions;

  private AslEngine(Builder builder) {
    this.taskHandler = Objects.requireNonNull(builder.taskHandler, "taskHandler");
    this.fastWaits = builder.fastWaits;
    this.clock = builder.clock;
    this.region = builder.region;
    this.keepFinishedExecutions = builder.keepFinishedExecutions;
    this.roleArn = "arn:aws:iam::" + DEFAULT_ACCOUNT + ":role/stepline-local";
    this.pool = Executors.newCachedThreadPool(daemonThreads());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options of an engine. */
  public static final class Builder {
    private TaskHandler taskHandler;
    private boolean fastWaits;
    private Clock clock = Clock.systemUTC();
    private String region = DEFAULT_REGION;
    private int keepFinishedExecutions = 10_000;

    private Builder() {}

    /**
     * Sets how many finished executions (with their histories) the engine keeps, 10,000 by default.
     * The oldest are forgotten first. Running executions are always kept.
     */
    public Builder keepFinishedExecutions(int count) {
      if (count < 0) {
        throw new IllegalArgumentException(
            "keepFinishedExecutions must be >= 0 (found " + count + ")");
      }
      this.keepFinishedExecutions = count;
      return this;
    }

    /** Sets the handler that runs Task states. It is required. */
    public Builder taskHandler(TaskHandler taskHandler) {
      this.taskHandler = taskHandler;
      return this;
    }

    /**
     * Skips the time of Wait states and the delays between retries, for tests. Off by default.
     * Timeouts of tasks and executions still run in real time.
     */
    public Builder fastWaits(boolean fastWaits) {
      this.fastWaits = fastWaits;
      return this;
    }

    /** Sets the clock of history timestamps, context times and Wait timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the region reported in history events, {@code us-east-1} by default. */
    public Builder region(String region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    public AslEngine build() {
      return new AslEngine(this);
    }
  }

  /**
   * Checks and registers a state machine, replacing any machine with the same ARN.
   *
   * @param arn the state machine ARN, such as {@code
   *     arn:aws:states:us-east-1:123456789012:stateMachine:main}
   * @param definitionJson the ASL definition, with {@code ${Name}} placeholders
   * @param substitutions the values of the placeholders; may be empty
   * @throws InvalidDefinitionException listing every problem of the definition
   */
  public void registerStateMachine(
      String arn, String definitionJson, Map<String, String> substitutions) {
    Objects.requireNonNull(arn, "arn");
    machines.put(arn, DefinitionParser.parse(arn, definitionJson, substitutions).machine());
  }

  /** Returns the features (state types, fields, operators, intrinsics) a definition uses. */
  static Set<String> features(String definitionJson, Map<String, String> substitutions) {
    return DefinitionParser.parse("check", definitionJson, substitutions).features();
  }

  /**
   * Starts an execution and returns at once. {@link Execution#await()} waits for its result.
   *
   * @param name the execution name, unique per machine; {@code null} for a random one
   * @throws IllegalArgumentException when no machine has this ARN or the name is taken
   */
  public Execution startExecution(String machineArn, String name, JsonNode input) {
    Execution execution = newExecution(machineArn, name, input);
    ExecutionRun run = new ExecutionRun(this, execution, machines.get(machineArn));
    pool.execute(() -> runAndFinish(execution, run));
    return execution;
  }

  /**
   * Runs an execution in the calling thread and returns its result, like Step Functions'
   * StartSyncExecution. Parallel and Map states still use the engine's threads.
   *
   * @throws IllegalArgumentException when no machine has this ARN or the name is taken
   */
  public ExecutionResult startSyncExecution(String machineArn, String name, JsonNode input) {
    Execution execution = newExecution(machineArn, name, input);
    runAndFinish(execution, new ExecutionRun(this, execution, machines.get(machineArn)));
    return execution.await();
  }

  private Execution newExecution(String machineArn, String name, JsonNode input) {
    if (!machines.containsKey(machineArn)) {
      throw new IllegalArgumentException(
          "state machine not found: " + machineArn + "; register it first");
    }
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    String executionArn = executionArn(machineArn, executionName);
    Execution execution =
        new Execution(
            executionArn,
            executionName,
            machineArn,
            input == null ? Json.MAPPER.nullNode() : input,
            clock.instant(),
            new History(clock));
    if (executions.putIfAbsent(executionArn, execution) != null) {
      throw new IllegalArgumentException(
          "execution already exists: " + executionArn + "; use another name");
    }
    return execution;
  }

  /** Runs an execution and completes it, even when the run ends with an {@link Error}. */
  private void runAndFinish(Execution execution, ExecutionRun run) {
    ExecutionResult result =
        ExecutionResult.failed(
            ExecutionStatus.FAILED, StateFailure.RUNTIME, "the engine stopped unexpectedly");
    try {
      result = run.run();
    } finally {
      finish(execution, result);
    }
  }

  private void finish(Execution execution, ExecutionResult result) {
    finished.add(execution.arn());
    finishedCount.incrementAndGet();
    while (finishedCount.get() > keepFinishedExecutions) {
      String oldest = finished.poll();
      if (oldest == null) {
        break;
      }
      finishedCount.decrementAndGet();
      executions.remove(oldest);
    }
    execution.finish(result, clock.instant());
  }

  /** Returns the execution with this ARN, or {@code null}. */
  public Execution execution(String executionArn) {
    return executions.get(executionArn);
  }

  /**
   * Returns the history of an execution in GetExecutionHistory event shape.
   *
   * @throws IllegalArgumentException when no execution has this ARN
   */
  public List<JsonNode> history(String executionArn) {
    Execution execution = executions.get(executionArn);
    if (execution == null) {
      throw new IllegalArgumentException("execution not found: " + executionArn);
    }
    return execution.history();
  }

  /**
   * Stops a running execution, like Step Functions' StopExecution: a Task state that is running
   * finishes, no further state starts, a pending {@code .waitForTaskToken} task stops waiting, and
   * the execution ends {@code ABORTED}. Stopping an execution that has ended does nothing.
   *
   * @param cause why it is stopped, kept as the result's cause, or {@code null}
   * @throws IllegalArgumentException when no execution has this ARN
   */
  public void stopExecution(String executionArn, String cause) {
    Execution execution = executions.get(executionArn);
    if (execution == null) {
      throw new IllegalArgumentException("execution not found: " + executionArn);
    }
    execution.requestStop(cause);
  }

  /** Completes the {@code .waitForTaskToken} task of {@code token} with {@code output}. */
  public void sendTaskSuccess(String token, JsonNode output) {
    pendingTask(token).succeed(output == null ? Json.MAPPER.nullNode() : output);
  }

  /**
   * Fails the {@code .waitForTaskToken} task of {@code token} with an error for Retry and Catch.
   */
  public void sendTaskFailure(String token, String error, String cause) {
    pendingTask(token).fail(error, cause);
  }

  /** Records a heartbeat for the task of {@code token}, restarting its HeartbeatSeconds. */
  public void sendTaskHeartbeat(String token) {
    pendingTask(token).heartbeat();
  }

  private PendingTask pendingTask(String token) {
    PendingTask task = token == null ? null : pendingTasks.get(token);
    if (task == null) {
      throw new TaskDoesNotExistException(token);
    }
    return task;
  }

  /** Stops the engine's threads, so running executions stop where they are. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  static String executionArn(String machineArn, String name) {
    int marker = machineArn.indexOf(":stateMachine:");
    if (marker < 0) {
      return machineArn + ":" + name;
    }
    return machineArn.substring(0, marker)
        + ":execution:"
        + machineArn.substring(marker + ":stateMachine:".length())
        + ":"
        + name;
  }

  /** Records that a state of {@code stateType} left by {@code step}, for coverage tests. */
  void recordTransition(String stateType, Transitions.Step step) {
    takenTransitions.add(stateType + "." + step);
  }

  /** Returns the transitions taken so far, each as {@code <state type>.<step>}. */
  Set<String> takenTransitions() {
    return Set.copyOf(takenTransitions);
  }

  PendingTask openTask(String token) {
    PendingTask task = new PendingTask();
    pendingTasks.put(token, task);
    return task;
  }

  void closeTask(String token) {
    pendingTasks.remove(token);
  }

  TaskHandler taskHandler() {
    return taskHandler;
  }

  boolean fastWaits() {
    return fastWaits;
  }

  Clock clock() {
    return clock;
  }

  String region() {
    return region;
  }

  String roleArn() {
    return roleArn;
  }

  ExecutorService pool() {
    return pool;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "asl-engine-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
