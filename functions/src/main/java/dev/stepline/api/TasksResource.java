package dev.stepline.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.diag.Diagnostic;
import dev.stepline.task.Task;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code /agents/{agent_id}/tasks} and {@code /tasks/{task_id}}: create, get and list tasks. */
final class TasksResource {
  /** The file name diagnostics of a task sent in a request carry. */
  static final String SOURCE_NAME = "request-body";

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
    router.add("GET", "/tasks/{task_id}", this::get);
  }

  private ApiResponse create(Router.Call call) {
    String agentId = AgentsResource.agent(store, call.tenant(), call.param("agent_id")).id();
    String text = Bodies.isYaml(call.request()) ? Bodies.text(call.request()) : jsonText(call);
    ValidationResult result = validate(text);
    Instant now = clock.instant();
    String name = result.task().name() == null ? "task" : result.task().name();
    TaskRecord task =
        new TaskRecord(
            call.tenant(), UUID.randomUUID().toString(), agentId, name, 1, text, now, now);
    register(task.id(), result.task());
    store.putTask(task);
    return ApiResponse.created(Views.task(task));
  }

  /** Registers a task version with the starter before it is stored, so it can run at once. */
  private void register(String taskId, Task parsed) {
    try {
      starter.register(taskId, parsed);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid_task", e.getMessage());
    }
  }

  private static String jsonText(Router.Call call) {
    return Bodies.object(call.request()).toString();
  }

  /**
   * Validates task text.
   *
   * @throws ApiException 400 listing every error when the task is invalid
   */
  static ValidationResult validate(String text) {
    ValidationResult result = new TaskValidator().validate(SOURCE_NAME, text);
    if (result.hasErrors()) {
      List<Diagnostic> errors = result.diagnostics().stream().filter(Diagnostic::isError).toList();
      throw invalid(
          "invalid_task", "the task has " + count(errors) + "; fix them and send it again", errors);
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
