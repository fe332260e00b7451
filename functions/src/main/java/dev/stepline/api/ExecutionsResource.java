package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiStore.ClientToken;
import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.diag.Diagnostic;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.InvalidStatusChangeException;
import dev.stepline.runtime.store.Transition;
import dev.stepline.task.Task;
import dev.stepline.validate.InputCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * {@code /tasks/{task_id}/executions} and {@code /executions/{execution_id}}: start, get and list
 * executions, cancel or resume them, and read their transitions.
 */
final class ExecutionsResource {
  /** The header that makes a start idempotent. */
  static final String CLIENT_TOKEN_HEADER = "idempotency-key";

  private static final int MAX_CLIENT_TOKEN_LENGTH = 255;

  private final ApiStore store;
  private final ExecutionStore executions;
  private final ExecutionStarter starter;

  ExecutionsResource(ApiStore store, ExecutionStore executions, ExecutionStarter starter) {
    this.store = store;
    this.executions = executions;
    this.starter = starter;
  }

  void register(Router router) {
    router.add("POST", "/tasks/{task_id}/executions", this::create);
    router.add("GET", "/tasks/{task_id}/executions", this::list);
    router.add("GET", "/executions/{execution_id}", this::get);
    router.add("PUT", "/executions/{execution_id}", this::changeStatus);
    router.add("GET", "/executions/{execution_id}/transitions", this::transitions);
  }

  private ApiResponse create(Router.Call call) {
    TaskRecord task = TasksResource.task(store, call.tenant(), call.param("task_id"));
    ObjectNode body = Bodies.object(call.request());
    JsonNode input = body.has("input") ? body.get("input") : JsonValues.mapper().createObjectNode();
    // Named by id, so that an input diagnostic names the stored task, not this request's body.
    Task parsed = TasksResource.validate("task " + task.id(), task.text()).task();
    List<Diagnostic> problems = InputCheck.check(parsed, input, "input");
    if (!problems.isEmpty()) {
      throw TasksResource.invalid(
          "invalid_input", "the input does not match the task's input_schema", problems);
    }
    String id = UUID.randomUUID().toString();
    Optional<ClientToken> token = clientToken(call, task, body, id);
    if (token.isPresent()) {
      Optional<ExecutionRecord> earlier = claim(token.get());
      if (earlier.isPresent()) {
        return ApiResponse.created(view(earlier.get()));
      }
    }
    try {
      return ApiResponse.created(Views.execution(startExecution(call, task, parsed, input, id), 0));
    } catch (RuntimeException e) {
      token.ifPresent(claimed -> release(claimed, e));
      throw e;
    }
  }

  private ExecutionRecord startExecution(
      Router.Call call, TaskRecord task, Task parsed, JsonNode input, String id) {
    String inputJson = input.toString();
    ExecutionRecord record =
        executions.createExecution(
            ExecutionRecord.queued(id, task.id(), task.text(), inputJson)
                .withTenant(call.tenant()));
    store.putExecution(call.tenant(), task.id(), id);
    try {
      starter.start(id, parsed, task.text(), inputJson);
    } catch (RuntimeException e) {
      // Without this the record would stay queued although nothing runs it.
      String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      executions.fail(
          id, new Failure("", "", "StartError", "the execution failed to start: " + cause));
      throw e;
    }
    return record;
  }

  /**
   * Returns the client token of the request for the new execution {@code id}, or empty when the
   * request has no Idempotency-Key header.
   *
   * @throws ApiException 400 when the key is blank or too long
   */
  private static Optional<ClientToken> clientToken(
      Router.Call call, TaskRecord task, ObjectNode body, String id) {
    String token = call.request().header(CLIENT_TOKEN_HEADER);
    if (token == null) {
      return Optional.empty();
    }
    if (token.isBlank() || token.length() > MAX_CLIENT_TOKEN_LENGTH) {
      throw ApiException.badRequest(
          "invalid_client_token",
          "the Idempotency-Key header must hold 1 to "
              + MAX_CLIENT_TOKEN_LENGTH
              + " characters; send a unique key such as a UUID");
    }
    return Optional.of(new ClientToken(call.tenant(), token, RequestHash.of(task.id(), body), id));
  }

  /**
   * Claims the client token for its execution. The first request with a token wins. Returns the
   * execution an earlier request with the same token and body started, or empty when this request
   * starts one.
   *
   * @throws ApiException 409 when the token was used with another task or body, or when the earlier
   *     request has claimed it but not yet stored its execution
   */
  private Optional<ExecutionRecord> claim(ClientToken token) {
    ClientToken stored = store.putClientToken(token);
    if (stored.executionId().equals(token.executionId())) {
      return Optional.empty();
    }
    if (!stored.requestHash().equals(token.requestHash())) {
      throw ApiException.conflict(
          "the Idempotency-Key "
              + token.token()
              + " started another execution with a different task or body; send a new key to"
              + " start a new execution");
    }
    return Optional.of(
        executions
            .findExecution(stored.executionId())
            .orElseThrow(
                () ->
                    ApiException.conflict(
                        "the execution of Idempotency-Key "
                            + token.token()
                            + " is still being created; send the request again")));
  }

  /** Releases the claim of a start that failed, so that a retry with the token may start again. */
  private void release(ClientToken token, RuntimeException failure) {
    try {
      store.releaseClientToken(token);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private ApiResponse get(Router.Call call) {
    return ApiResponse.ok(view(execution(call.tenant(), call.param("execution_id"))));
  }

  private ApiResponse list(Router.Call call) {
    TaskRecord task = TasksResource.task(store, call.tenant(), call.param("task_id"));
    Optional<ExecutionStatus> status = statusFilter(call.request());
    List<ObjectNode> views =
        store.executions(call.tenant(), task.id()).stream()
            .map(executions::findExecution)
            .flatMap(Optional::stream)
            .filter(record -> status.isEmpty() || record.status() == status.get())
            .map(this::view)
            .toList();
    return ApiResponse.ok(Pages.page(call.request(), views));
  }

  private static Optional<ExecutionStatus> statusFilter(ApiRequest request) {
    String text = request.query().get("status");
    if (text == null) {
      return Optional.empty();
    }
    return Optional.of(status(text, "invalid_query", "the status query parameter"));
  }

  /**
   * {@code PUT /executions/{id}} in Julep's two shapes: {@code {"status": "cancelled", "reason"}}
   * cancels the execution, {@code {"status": "running", "input"}} resumes the step it waits at.
   */
  private ApiResponse changeStatus(Router.Call call) {
    ExecutionRecord record = execution(call.tenant(), call.param("execution_id"));
    ObjectNode body = Bodies.object(call.request());
    ExecutionStatus requested =
        status(Bodies.requiredString(body, "status"), "invalid_body", "status");
    if (requested == ExecutionStatus.CANCELLED) {
      return ApiResponse.ok(view(cancel(record, Bodies.optionalString(body, "reason"))));
    }
    if (requested == ExecutionStatus.RUNNING) {
      JsonNode input =
          body.hasNonNull("input") ? body.get("input") : JsonValues.mapper().createObjectNode();
      return ApiResponse.ok(view(resume(record, input)));
    }
    throw ApiException.badRequest(
        "invalid_body",
        "`status` must be cancelled or running (found "
            + requested.wireName()
            + "); send cancelled to stop the execution or running with input to resume it");
  }

  private ExecutionRecord cancel(ExecutionRecord record, String reason) {
    try {
      ExecutionRecord cancelled = executions.cancel(record.id(), reason);
      starter.stop(record.id(), reason);
      return cancelled;
    } catch (InvalidStatusChangeException e) {
      throw notChangeable(record.id(), "cancelled");
    }
  }

  private ExecutionRecord resume(ExecutionRecord record, JsonNode input) {
    List<PendingWait> waits = executions.pendingWaits(record.id());
    if (record.status().isFinal() || waits.isEmpty()) {
      throw notChangeable(record.id(), "resumed");
    }
    try {
      starter.resume(record.id(), waits.get(0), input.toString());
    } catch (IllegalArgumentException e) {
      // Another request answered the wait first.
      throw notChangeable(record.id(), "resumed");
    }
    return executions.findExecution(record.id()).orElseThrow();
  }

  private ApiException notChangeable(String id, String change) {
    ExecutionRecord now = executions.findExecution(id).orElseThrow();
    String when =
        change.equals("resumed")
            ? "only an execution waiting for input can be resumed"
            : "a succeeded or failed execution cannot be cancelled";
    return ApiException.conflict(
        "execution " + id + " has status " + now.status().wireName() + "; " + when);
  }

  private static ExecutionStatus status(String text, String code, String what) {
    return Arrays.stream(ExecutionStatus.values())
        .filter(s -> s.wireName().equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    code,
                    what
                        + " must be one of "
                        + Arrays.stream(ExecutionStatus.values())
                            .map(ExecutionStatus::wireName)
                            .toList()
                        + " (found "
                        + text
                        + ")"));
  }

  private ApiResponse transitions(Router.Call call) {
    ExecutionRecord record = execution(call.tenant(), call.param("execution_id"));
    List<Transition> transitions = executions.transitions(record.id());
    List<ObjectNode> views =
        IntStream.range(0, transitions.size())
            .mapToObj(i -> Views.transition(record.id(), i, transitions.get(i)))
            .toList();
    return ApiResponse.ok(Pages.page(call.request(), views));
  }

  private ObjectNode view(ExecutionRecord record) {
    return Views.execution(record, executions.transitions(record.id()).size());
  }

  private ExecutionRecord execution(String tenant, String id) {
    store.findExecutionTask(tenant, id).orElseThrow(() -> ApiException.notFound("execution", id));
    return executions.findExecution(id).orElseThrow(() -> ApiException.notFound("execution", id));
  }
}
