package dev.stepline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.api.ApiStore.AgentRecord;
import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.diag.Diagnostic;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.seal.SealedJson;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.Transition;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The JSON shapes of the API's resources, following Julep's field names. */
final class Views {
  /** The placeholder every response shows in place of a secret's value. */
  static final String HIDDEN_VALUE = "***";

  /** The fields {@link #task} adds to the task's own fields. */
  static final List<String> TASK_RECORD_FIELDS =
      List.of("id", "agent_id", "version", "created_at", "updated_at");

  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)\\D*$");

  private Views() {}

  static ObjectNode agent(AgentRecord agent) {
    ObjectNode view = agent.fields().deepCopy();
    view.put("id", agent.id());
    view.put("created_at", agent.createdAt().toString());
    view.put("updated_at", agent.updatedAt().toString());
    return view;
  }

  /** Returns the task as the client sent it, with its id, agent and times added. */
  static ObjectNode task(TaskRecord task) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(task.text());
    ObjectNode view = JsonValues.mapper().createObjectNode();
    if (tree != null) {
      JsonNode fields = JsonValues.mapper().valueToTree(tree);
      if (fields.isObject()) {
        view.setAll((ObjectNode) fields);
      }
    }
    view.put("id", task.id());
    view.put("agent_id", task.agentId());
    view.put("name", task.name());
    view.put("version", task.version());
    view.put("created_at", task.createdAt().toString());
    view.put("updated_at", task.updatedAt().toString());
    return view;
  }

  static ObjectNode execution(ExecutionRecord record, int transitionCount) {
    ObjectNode view = JsonValues.mapper().createObjectNode();
    view.put("id", record.id());
    view.put("task_id", record.taskId());
    view.put("status", record.status().wireName());
    // A secret-derived string is stored sealed and shown the way a masked secret is.
    view.set("input", json(SealedJson.masked(record.input())));
    view.set("output", json(SealedJson.masked(record.output())));
    if (record.error() == null) {
      view.putNull("error");
    } else {
      view.put("error", record.error().type() + ": " + record.error().message());
    }
    view.put("transition_count", transitionCount);
    view.putObject("metadata");
    view.put("created_at", record.createdAt().toString());
    view.put("updated_at", record.updatedAt().toString());
    return view;
  }

  /**
   * Returns a transition in Julep's shape. Julep's {@code current.step} is the index of the step in
   * its workflow; it is the last number of the step path here.
   */
  static ObjectNode transition(String executionId, int index, Transition transition) {
    ObjectNode view = JsonValues.mapper().createObjectNode();
    view.put("id", executionId + ":" + index);
    view.put("execution_id", executionId);
    view.put("type", transition.type().wireName());
    ObjectNode current = view.putObject("current");
    current.put("workflow", transition.cursor().workflow());
    current.put("step", stepIndex(transition.cursor().path()));
    current.put("scope_id", transition.cursor().scope());
    current.put("path", transition.cursor().path());
    view.putNull("next");
    view.set("output", json(transition.output()));
    view.put("step_label", transition.label());
    view.putObject("metadata");
    String at =
        transition.createdAt() == null
            ? Instant.EPOCH.toString()
            : transition.createdAt().toString();
    view.put("created_at", at);
    view.put("updated_at", at);
    return view;
  }

  /** Returns a secret's metadata; the value is always {@link #HIDDEN_VALUE}. */
  static ObjectNode secret(SecretMetadata secret) {
    ObjectNode view = JsonValues.mapper().createObjectNode();
    view.put("id", secret.name());
    view.put("name", secret.name());
    view.put("value", HIDDEN_VALUE);
    view.put("description", secret.description());
    ObjectNode metadata = view.putObject("metadata");
    secret.metadata().forEach(metadata::put);
    Instant created = secret.createdAt() == null ? Instant.EPOCH : secret.createdAt();
    Instant updated = secret.updatedAt() == null ? created : secret.updatedAt();
    view.put("created_at", created.toString());
    view.put("updated_at", updated.toString());
    return view;
  }

  static ObjectNode diagnostic(Diagnostic diagnostic) {
    ObjectNode view = JsonValues.mapper().createObjectNode();
    view.put("severity", diagnostic.severity().name().toLowerCase(java.util.Locale.ROOT));
    view.put("line", diagnostic.position().line());
    view.put("column", diagnostic.position().column());
    view.put("path", diagnostic.path());
    view.put("message", diagnostic.message());
    view.put("text", diagnostic.format());
    return view;
  }

  private static int stepIndex(String path) {
    Matcher matcher = LAST_NUMBER.matcher(path == null ? "" : path);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return JsonValues.mapper().nullNode();
    }
    try {
      return JsonValues.mapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Stored JSON text does not parse", e);
    }
  }
}
