package dev.stepline.runtime;

import dev.stepline.expr.ExpressionException;
import dev.stepline.runtime.StepIndex.Located;
import dev.stepline.runtime.seal.AesGcmSealer;
import dev.stepline.runtime.seal.Sealer;
import dev.stepline.runtime.seal.SealingExecutionStore;
import dev.stepline.runtime.secrets.SecretException;
import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.store.Cursor;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.StepRecord;
import dev.stepline.runtime.store.Transition;
import dev.stepline.runtime.store.TransitionType;
import dev.stepline.task.Task;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one runtime entry point of every step handler: runs one action of the state machine protocol
 * (see docs/architecture.md) for one step in one scope, reading what it needs from the execution
 * store and writing what it produces back.
 *
 * <p>Every action is idempotent: a step that already recorded its output returns at once, and a
 * step that already failed fails again with the same error, so Step Functions may run a Task state
 * twice. A failure is recorded with its Python-style type, its message (secrets masked) and the
 * step path, then thrown as {@link StepFailedException}. The runner is thread-safe.
 */
public final class StepRunner {
  private final ExecutionStore store;
  private final SecretStore secretStore;
  private final Function<String, SecretStore> tenantSecrets;
  private final SecretMasker masker;
  private final TaskResolver tasks;
  private final Map<String, Object> agent;
  private final ToolCalls toolCalls;
  private final PromptCalls promptCalls;
  private final Map<Task, StepIndex> indexes = Collections.synchronizedMap(new IdentityHashMap<>());

  private StepRunner(Builder builder) {
    this.secretStore = Objects.requireNonNull(builder.secrets, "secrets");
    this.tenantSecrets = builder.tenantSecrets;
    this.masker = builder.masker;
    this.store =
        new SealingExecutionStore(
            Objects.requireNonNull(builder.store, "store"), builder.sealer, masker);
    this.tasks = Objects.requireNonNull(builder.tasks, "tasks");
    this.agent = builder.agent;
    this.toolCalls = new ToolCalls(builder.tools, builder.deployed);
    this.promptCalls = new PromptCalls(builder.models);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns the masker that hides every secret value this runner has read. */
  public SecretMasker masker() {
    return masker;
  }

  /**
   * Returns the execution store this runner reads and writes. Values read from it are unsealed and
   * added to the masker. Values written to it reach the builder's store sealed.
   */
  public ExecutionStore store() {
    return store;
  }

  /**
   * Runs one action.
   *
   * @throws StepFailedException when the step failed; the failure is recorded first
   * @throws ExecutionCancelledException when the execution was cancelled; nothing is recorded
   * @throws IllegalArgumentException when the request is malformed
   */
  public StepResult run(StepRequest request) {
    checkRequest(request);
    ExecutionRecord execution =
        store
            .findExecution(request.execution())
            .orElseThrow(
                () -> new IllegalArgumentException("execution not found: " + request.execution()));
    if (execution.status() == ExecutionStatus.CANCELLED) {
      throw new ExecutionCancelledException(execution.id(), request.path());
    }
    Task task = tasks.resolve(execution);
    Run run = new Run(request, execution, task, index(task));
    try {
      return run.perform();
    } catch (StepFailedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw run.recordFailure(e);
    }
  }

  /**
   * Records the answer of a waiting {@code wait_for_input} step (or {@code function} tool call) as
   * its output and returns the task token the caller sends with {@code SendTaskSuccess}.
   *
   * @param answerJson the answer as JSON text
   * @throws IllegalArgumentException when no wait is pending at (scope, path)
   */
  public String resume(String executionId, String scope, String path, String answerJson) {
    String token =
        store
            .findTaskToken(executionId, scope, path)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no step waits for input at " + path + " in scope '" + scope + "'"));
    StepRecord waiting =
        store
            .findStep(executionId, scope, path)
            .orElseThrow(() -> new IllegalStateException("wait record missing for " + path));
    String answer = JsonValues.toJson(JsonValues.fromJson(answerJson));
    store.recordStep(
        executionId,
        new StepRecord(
            scope, path, waiting.label(), waiting.outputName(), waiting.input(), answer, 0));
    store.recordTransition(
        executionId,
        new Transition(
            TransitionType.RESUME,
            new Cursor(workflowOf(path), path, scope),
            masker.mask(answer),
            waiting.label(),
            Instant.now()));
    if (store.pendingWaits(executionId).isEmpty()) {
      ExecutionRecord execution = store.findExecution(executionId).orElseThrow();
      if (execution.status() == ExecutionStatus.AWAITING_INPUT) {
        store.updateStatus(executionId, ExecutionStatus.RUNNING);
      }
    }
    return token;
  }

  /**
   * Returns the secrets the execution's steps read: its tenant's when a tenant started it and the
   * runner has a store per tenant, else the runner's one store.
   */
  private SecretStore secretsOf(ExecutionRecord execution) {
    if (execution.tenant() == null || tenantSecrets == null) {
      return secretStore;
    }
    return tenantSecrets.apply(execution.tenant());
  }

  private StepIndex index(Task task) {
    return indexes.computeIfAbsent(task, StepIndex::new);
  }

  private static void checkRequest(StepRequest request) {
    if (request == null || request.action() == null || request.execution() == null) {
      throw new IllegalArgumentException(
          "invalid step request (found " + request + "); action and execution are required");
    }
  }

  private static String workflowOf(String path) {
    int bracket = path.indexOf('[');
    return bracket < 0 ? path : path.substring(0, bracket);
  }

  /** One action of one request, with everything it reads loaded once. */
  private final class Run {
    private final StepRequest request;
    private final ExecutionRecord execution;
    private final Task task;
    private final StepIndex index;
    private final String scope;
    private final SecretsMapping secrets;
    private final ExpressionContext context;

    Run(StepRequest request, ExecutionRecord execution, Task task, StepIndex index) {
      this.request = request;
      this.execution = execution;
      this.task = task;
      this.index = index;
      this.scope = request.scope() == null ? ScopeId.MAIN : request.scope();
      this.secrets = new SecretsMapping(secretsOf(execution), masker);
      this.context = new ExpressionContext(store, execution, task, index, secrets, agent);
    }

    StepResult perform() {
      return switch (request.action()) {
        case StepActions.START -> start();
        case StepActions.FINISH -> finish();
        case StepActions.FAIL -> fail();
        default -> performStepAction();
      };
    }

    private StepResult performStepAction() {
      Located located = index.get(requirePath());
      Optional<Failure> failed =
          store.failures(execution.id()).stream()
              .filter(f -> f.scope().equals(scope) && f.path().equals(located.path()))
              .findFirst();
      if (failed.isPresent() && !request.action().equals(StepActions.CATCH)) {
        Failure failure = failed.get();
        throw new StepFailedException(failure.path(), failure.type(), failure.message());
      }
      ScopedStep step =
          new ScopedStep(
              store,
              execution,
              task,
              located,
              scope,
              context,
              secrets,
              masker,
              agent,
              toolCalls,
              promptCalls);
      return switch (request.action()) {
        case StepActions.STEP -> step.step(request.token());
        case StepActions.CONDITION -> step.condition();
        case StepActions.ITEMS -> step.items();
        case StepActions.CALL -> step.call();
        case StepActions.CLOSE -> step.close();
        case StepActions.CATCH -> step.catchFailure(request.error());
        case StepActions.RESUME ->
            throw new IllegalArgumentException(
                "the resume action carries an answer, so callers use StepRunner.resume");
        default ->
            throw new IllegalArgumentException(
                "unknown action (found '"
                    + request.action()
                    + "'); expected one of "
                    + String.join(", ", StepActions.ALL));
      };
    }

    private String requirePath() {
      if (request.path() == null || request.path().isEmpty()) {
        throw new IllegalArgumentException(
            "the " + request.action() + " action needs the step path");
      }
      return request.path();
    }

    private StepResult start() {
      ExecutionStatus status = execution.status();
      if (status == ExecutionStatus.QUEUED) {
        store.updateStatus(execution.id(), ExecutionStatus.STARTING);
      }
      if (status == ExecutionStatus.QUEUED || status == ExecutionStatus.STARTING) {
        store.updateStatus(execution.id(), ExecutionStatus.RUNNING);
      }
      transition(TransitionType.INIT, "", execution.input(), null);
      return StepResult.EMPTY;
    }

    private StepResult finish() {
      String output = context.scopes().underscore(ScopeId.MAIN);
      store.succeed(execution.id(), output);
      transition(TransitionType.FINISH, "", output, null);
      return StepResult.EMPTY;
    }

    private StepResult fail() {
      Failure failure = endingFailure();
      store.fail(execution.id(), failure);
      transition(
          TransitionType.ERROR,
          failure.path(),
          JsonValues.toJson(ExpressionContext.errorValue(failure)),
          null);
      return StepResult.EMPTY;
    }

    /**
     * Returns the failure that ends the execution: the recorded failure whose text the caught
     * {@code Cause} contains, or else the latest one, or else one built from the {@code Error} and
     * {@code Cause} Step Functions caught (a timeout, say).
     */
    private Failure endingFailure() {
      List<Failure> failures = store.failures(execution.id());
      String cause = request.error() == null ? null : String.valueOf(request.error().get("Cause"));
      for (int i = failures.size() - 1; i >= 0 && cause != null; i--) {
        Failure failure = failures.get(i);
        if (cause.contains(failure.path() + ": " + failure.type() + ": ")) {
          return failure;
        }
      }
      if (request.error() == null && !failures.isEmpty()) {
        return failures.get(failures.size() - 1);
      }
      return ScopedStep.failureFromError(request.error(), scope, request.path(), masker);
    }

    private void transition(TransitionType type, String path, String output, String label) {
      store.recordTransition(
          execution.id(),
          new Transition(
              type,
              new Cursor(request.workflow() == null ? "main" : request.workflow(), path, scope),
              output == null ? null : masker.mask(output),
              label,
              Instant.now()));
    }

    StepFailedException recordFailure(RuntimeException e) {
      String path = request.path() == null ? "" : request.path();
      String type = errorType(e);
      String message = masker.mask(errorMessage(e));
      Failure failure =
          store.recordFailure(execution.id(), new Failure(scope, path, type, message));
      return new StepFailedException(failure.path(), failure.type(), failure.message());
    }
  }

  static String errorType(RuntimeException e) {
    if (e instanceof ExpressionException expression) {
      return expression.type();
    } else if (e instanceof StepError step) {
      return step.type();
    } else if (e instanceof ToolException tool) {
      return tool.type();
    } else if (e instanceof SecretException secret) {
      return secret.type();
    } else if (e instanceof IllegalArgumentException) {
      return "ValueError";
    }
    return "RuntimeError";
  }

  static String errorMessage(RuntimeException e) {
    if (e instanceof ExpressionException expression) {
      return expression.describe();
    }
    return e.getMessage() == null
        ? "internal error: " + e.getClass().getSimpleName()
        : e.getMessage();
  }

  /** Configures a {@link StepRunner}. */
  public static final class Builder {
    private ExecutionStore store;
    private SecretStore secrets;
    private Function<String, SecretStore> tenantSecrets;
    private SecretMasker masker = new SecretMasker();
    private Sealer sealer;
    private TaskResolver tasks;
    private List<ToolProvider> tools = List.of();
    private ModelClient models;
    private Map<String, Object> agent = defaultAgent();
    private boolean deployed;

    public Builder store(ExecutionStore store) {
      this.store = store;
      return this;
    }

    public Builder secrets(SecretStore secrets) {
      this.secrets = secrets;
      return this;
    }

    /**
     * Sets the secrets of each tenant, for executions whose record names the tenant that started
     * them. Without it, every execution reads {@link #secrets}.
     */
    public Builder tenantSecrets(Function<String, SecretStore> tenantSecrets) {
      this.tenantSecrets = tenantSecrets;
      return this;
    }

    /** Shares a masker, so that the caller masks its own output with the same values. */
    public Builder masker(SecretMasker masker) {
      this.masker = masker;
      return this;
    }

    /**
     * Sets the sealer of secret-derived values in the store. Defaults to a random key of this
     * process, which fits a store that lives no longer than the process. A store that outlives it,
     * or that other processes share, needs a sealer whose key they share.
     */
    public Builder sealer(Sealer sealer) {
      this.sealer = sealer;
      return this;
    }

    public Builder tasks(TaskResolver tasks) {
      this.tasks = tasks;
      return this;
    }

    public Builder tools(List<ToolProvider> tools) {
      this.tools = List.copyOf(tools);
      return this;
    }

    /** Sets the model client of {@code prompt} steps; without one, prompt steps fail. */
    public Builder models(ModelClient models) {
      this.models = models;
      return this;
    }

    /**
     * Sets the {@code agent} of expressions: {@code id}, {@code name}, {@code about}, {@code
     * model}, {@code instructions}, {@code metadata}, {@code default_settings}. Defaults to {@link
     * #defaultAgent()}.
     */
    public Builder agent(Map<String, Object> agent) {
      this.agent = agent;
      return this;
    }

    /** Sets whether the runner runs on AWS, where tools reject loopback addresses. */
    public Builder deployed(boolean deployed) {
      this.deployed = deployed;
      return this;
    }

    public StepRunner build() {
      if (sealer == null) {
        sealer = AesGcmSealer.withRandomKey();
      }
      return new StepRunner(this);
    }
  }

  /** Returns the agent that local runs use when none is configured. */
  public static Map<String, Object> defaultAgent() {
    Map<String, Object> agent = new java.util.LinkedHashMap<>();
    agent.put("id", "local");
    agent.put("name", "Stepline");
    agent.put("about", "");
    agent.put("model", "gpt-4o-mini");
    agent.put("instructions", List.of());
    agent.put("metadata", new java.util.LinkedHashMap<>());
    agent.put("default_settings", new java.util.LinkedHashMap<>());
    return Collections.unmodifiableMap(agent);
  }
}
