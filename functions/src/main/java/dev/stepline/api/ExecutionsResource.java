package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.diag.Diagnostic;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Transition;
import dev.stepline.task.Task;
import dev.stepline.validate.InputCheck;
import java.util.List;
import java.util.UUID;

/**
 * {@code /tasks/{task_id}/executions} and {@code /executions/{execution_id}}: start, get and list
 * executions, and read their transitions.
 */
final class ExecutionsResource {
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
    router.add("GET", "/executions/{execution_id}/transitions", this::transitions);
  }

  private ApiResponse create(Router.Call call) {
    TaskRecord task = TasksResource.task(store, call.tenant(), call.param("task_id"));
    ObjectNode body = Bodies.object(call.request());
    JsonNode input = body.has("input") ? body.get("input") : JsonValues.mapper().createObjectNode();
    Task parsed = TasksResource.validate(task.text()).task();
    List<Diagnostic> problems = InputCheck.check(parsed, input, "input");
    if (!problems.isEmpty()) {
      throw TasksResource.invalid(
          "invalid_input", "the input does not match the task's input_schema", problems);
    }
    String id = UUID.randomUUID().toString();
    String inputJson = input.toString();
    ExecutionRecord record =
        executions.createExecution(ExecutionRecord.queued(id, task.id(), task.text(), inputJson));
    store.putExecution(call.tenant(), task.id(), id);
    starter.start(id, parsed, task.text(), inputJson);
    return ApiResponse.created(Views.execution(record, 0));
  }

  private ApiResponse get(Router.Call call) {
    return ApiResponse.ok(view(execution(call.tenant(), call.param("execution_id"))));
  }

  private ApiResponse list(Router.Call call) {
    TaskRecord task = TasksResource.task(store, call.tenant(), call.param("task_id"));
    List<ObjectNode> views =
        store.executions(call.tenant(), task.id()).stream()
            .map(id -> executions.findExecution(id))
            .flatMap(java.util.Optional::stream)
            .map(this::view)
            .toList();
    return ApiResponse.ok(Pages.page(call.request(), views));
  }

  private ApiResponse transitions(Router.Call call) {
    ExecutionRecord record = execution(call.tenant(), call.param("execution_id"));
    List<Transition> transitions = executions.transitions(record.id());
    List<ObjectNode> views =
        java.util.stream.IntStream.range(0, transitions.size())
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
