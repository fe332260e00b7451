package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.diag.Diagnostic;
import dev.stepline.task.Task;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /agents/{agent_id}/tasks}, {@code /agents/{agent_id}/tasks/{task_id}} and {@code
 * /tasks/{task_id}}: create, update, get and list tasks. An update stores a new version.
 */
final class TasksResource {
  /** The file name diagnostics of a task sent in a request carry. */
  static final String SOURCE_NAME = "request-body";

  /** The task ids a client may choose in {@code POST /agents/{agent_id}/tasks/{task_id}}. */
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final ApiStore store;
  private final ExecutionStarter starter;
  private final Clock clock;

  TasksResource(ApiStore store, ExecutionStarter starter, Clock clock) {
    this.store = store;
    this.starter = starter;
    this.clock = clock;
  }

  void register(Router router) {
    router.add("POST", "/agents/{agent_id}/tasks", this::create);
    router.add("GET", "/agents/{agent_id}/tasks", this::list);
    router.add("POST", "/agents/{agent_id}/tasks/{task_id}", this::createOrUpdate);
    router.add("PUT", "/agents/{agent_id}/tasks/{task_id}", this::update);
    router.add("PATCH", "/agents/{agent_id}/tasks/{task_id}", this::patch);
    router.add("GET", "/tasks/{task_id}", this::get);
  }

  private ApiResponse create(Router.Call call) {
    String agentId = AgentsResource.agent(store, call.tenant(), call.param("agent_id")).id();
    TaskRecord task = store(call, agentId, UUID.randomUUID().toString(), bodyText(call), null);
    return ApiResponse.created(Views.task(task));
  }

  /** Julep's create-or-update: creates the task with the given id, or stores a new version. */
  private ApiResponse createOrUpdate(Router.Call call) {
    String agentId = AgentsResource.agent(store, call.tenant(), call.param("agent_id")).id();
    String id = call.param("task_id");
    if (!TASK_ID.matcher(id).matches()) {
      throw ApiException.badRequest(
          "invalid_task_id",
          "a task id is 1 to 128 letters, digits, '.', '_' or '-' (found "
              + id
              + "); choose another id");
    }
    TaskRecord previous = store.findTask(call.tenant(), id).orElse(null);
    TaskRecord task = store(call, agentId, id, bodyText(call), previous);
    return previous == null
        ? ApiResponse.created(Views.task(task))
        : ApiResponse.ok(Views.task(task));
  }

  /** Replaces the task with the body, as a new version. */
  private ApiResponse update(Router.Call call) {
    TaskRecord previous = agentTask(call);
    return ApiResponse.ok(
        Views.task(store(call, previous.agentId(), previous.id(), bodyText(call), previous)));
  }

  /** Merges the body's top-level fields into the task, as a new version. */
  private ApiResponse patch(Router.Call call) {
    TaskRecord previous = agentTask(call);
    ObjectNode merged = Views.task(previous);
    Views.TASK_RECORD_FIELDS.forEach(merged::remove);
    merged.setAll(Bodies.object(call.request()));
    return ApiResponse.ok(
        Views.task(store(call, previous.agentId(), previous.id(), merged.toString(), previous)));
  }

  private TaskRecord agentTask(Router.Call call) {
    String agentId = AgentsResource.agent(store, call.tenant(), call.param("agent_id")).id();
    TaskRecord task = task(store, call.tenant(), call.param("task_id"));
    if (!task.agentId().equals(agentId)) {
      throw ApiException.notFound("task", task.id() + " of agent " + agentId);
    }
    return task;
  }

  /**
   * Validates the task text and stores it as version 1, or as the version after {@code previous}.
   */
  private TaskRecord store(
      Router.Call call, String agentId, String id, String text, TaskRecord previous) {
    if (previous != null && !previous.agentId().equals(agentId)) {
      throw ApiException.conflict(
          "task " + id + " belongs to agent " + previous.agentId() + "; update it there");
    }
    ValidationResult result = validate(text);
    Instant now = clock.instant();
    String name = result.task().name() == null ? "task" : result.task().name();
    TaskRecord task =
        previous == null
            ? new TaskRecord(call.tenant(), id, agentId, name, 1, text, now, now)
            : new TaskRecord(
                call.tenant(),
                id,
                agentId,
                name,
                previous.version() + 1,
                text,
                previous.createdAt(),
                now);
    store.checkWritable(task);
    registerRun(task, result.task());
    store.putTask(task);
    return task;
  }

  /** Registers a task version with the starter before it is stored, so it can run at once. */
  private void registerRun(TaskRecord task, Task parsed) {
    try {
      starter.register(task, parsed);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_task", e.getMessage());
    }
  }

  private static String bodyText(Router.Call call) {
    return Bodies.isYaml(call.request())
        ? Bodies.text(call.request())
        : Bodies.object(call.request()).toString();
  }

  /**
   * Validates task text sent in a request body.
   *
   * @throws ApiException 400 listing every error when the task is invalid
   */
  static ValidationResult validate(String text) {
    return validate(SOURCE_NAME, text);
  }

  /**
   * Validates task text, naming it {@code sourceName} in diagnostics.
   *
   * @throws ApiException 400 listing every error when the task is invalid
   */
  static ValidationResult validate(String sourceName, String text) {
    ValidationResult result = new TaskValidator().validate(sourceName, text);
    if (result.hasErrors()) {
      List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
      throw invalid(
          "invalid_task",
          "the task has "
              + count(errors)
              + (errors.size() == 1 ? "; fix it" : "; fix them")
              + " and send the task again",
          errors);
    }
    return result;
  }

  static ApiException invalid(String code, String message, List<Diagnostic> diagnostics) {
    ArrayNode list = dev.stepline.runtime.JsonValues.mapper().createArrayNode();
    diagnostics.forEach(d -> list.add(Views.diagnostic(d)));
    return ApiException.invalid(code, message, list);
  }

  private static String count(List<Diagnostic> errors) {
    return errors.size() == 1 ? "1 error" : errors.size() + " errors";
  }

  private ApiResponse get(Router.Call call) {
    return ApiResponse.ok(Views.task(task(store, call.tenant(), call.param("task_id"))));
  }

  private ApiResponse list(Router.Call call) {
    String agentId = AgentsResource.agent(store, call.tenant(), call.param("agent_id")).id();
    return ApiResponse.ok(
        Pages.page(
            call.request(),
            store.tasks(call.tenant(), agentId).stream().map(Views::task).toList()));
  }

  static TaskRecord task(ApiStore store, String tenant, String id) {
    return store.findTask(tenant, id).orElseThrow(() -> ApiException.notFound("task", id));
  }
}
