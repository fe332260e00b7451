package dev.stepline.load;

import dev.stepline.diag.Suggestions;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.ToolDefinition;
import dev.stepline.task.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Normalises the top-level mapping of a task file into a {@link Task}: {@code name}, {@code
 * description}, {@code input_schema}, {@code metadata}, {@code tools}, the main workflow ({@code
 * main:} or {@code steps:}) and every other top-level list as a named subworkflow.
 */
final class TaskNormaliser {

  /** Top-level keys that are not workflows. */
  static final List<String> TASK_KEYS =
      List.of(
          "name",
          "description",
          "input_schema",
          "metadata",
          "tools",
          "canonical_name",
          "inherit_tools");

  static final Pattern WORKFLOW_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final LoadContext context;
  private final StepNormaliser steps;

  TaskNormaliser(LoadContext context) {
    this.context = context;
    this.steps = new StepNormaliser(context);
  }

  Task normalise(MappingNode root) {
    Fields fields = new Fields(context, LoadContext.entries(root), "");
    String name = fields.has("name") ? fields.string("name").orElse(null) : missingName(root);
    Optional<String> describedAs = fields.optionalString("description");
    String description = describedAs == null ? null : describedAs.orElse(null);
    Object inputSchema =
        fields.has("input_schema")
            ? new InputSchemaReader(context).read(fields.node("input_schema"))
            : null;
    Object metadata = mappingOrNull(fields, "metadata");
    if (fields.has("inherit_tools")) {
      fields
          .bool("inherit_tools")
          .filter(Boolean::booleanValue)
          .ifPresent(on -> warnInheritTools(fields));
    }
    if (fields.has("canonical_name")) {
      fields.string("canonical_name");
    }
    List<ToolDefinition> tools =
        fields.has("tools") ? new ToolReader(context).read(fields.node("tools")) : List.of();
    Map<String, Workflow> workflows = workflows(root, fields);
    @SuppressWarnings("unchecked")
    Map<String, Object> metadataMap =
        metadata instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    return new Task(
        name, description, inputSchema, metadataMap, tools, workflows, context.position(root));
  }

  private String missingName(MappingNode root) {
    context.error(root, "name", "a task needs a `name`; add `name: <what the task does>`");
    return null;
  }

  private Object mappingOrNull(Fields fields, String key) {
    if (!fields.has(key) || YamlNodes.isNull(fields.node(key))) {
      return null;
    }
    Optional<MappingNode> mapping =
        context.mapping(fields.node(key), fields.path(key), key, "write a mapping");
    return mapping.map(m -> context.plain(m, key)).orElse(null);
  }

  private void warnInheritTools(Fields fields) {
    context.warning(
        fields.node("inherit_tools"),
        "inherit_tools",
        "`inherit_tools: true` has no effect in Stepline, which has no agent tools to inherit;"
            + " declare every tool the task calls under `tools`");
  }

  private Map<String, Workflow> workflows(MappingNode root, Fields fields) {
    Map<String, Workflow> workflows = new LinkedHashMap<>();
    String mainKey = mainKey(root, fields);
    if (mainKey != null) {
      List<Step> main = steps.workflow(fields.node(mainKey), "main");
      workflows.put("main", new Workflow("main", main, context.position(fields.node(mainKey))));
    }
    for (Map.Entry<String, NodeTuple> entry : fields.entries().entrySet()) {
      String key = entry.getKey();
      if (TASK_KEYS.contains(key) || key.equals("main") || key.equals("steps")) {
        continue;
      }
      Node value = entry.getValue().getValueNode();
      if (!(value instanceof SequenceNode)) {
        warnUnknownKey(key, entry.getValue());
        continue;
      }
      if (!WORKFLOW_NAME.matcher(key).matches()) {
        workflows.put(key, new Workflow(key, List.of(), context.position(value)));
        context.error(
            entry.getValue().getKeyNode(),
            key,
            "invalid workflow name (found `"
                + YamlNodes.echo(key)
                + "`); a workflow name has only letters, digits and `_` and does not start with a"
                + " digit");
        continue;
      }
      workflows.put(key, new Workflow(key, steps.workflow(value, key), context.position(value)));
    }
    return workflows;
  }

  private String mainKey(MappingNode root, Fields fields) {
    if (fields.has("main") && fields.has("steps")) {
      context.error(
          fields.keyNode("steps"),
          "steps",
          "a task has one main workflow (found both `main` and `steps`); rename one of them");
      return "main";
    }
    if (fields.has("main")) {
      return "main";
    }
    if (fields.has("steps")) {
      return "steps";
    }
    context.error(
        root,
        "main",
        "a task needs a main workflow (found keys "
            + StepKindResolver.quoteAll(List.copyOf(fields.entries().keySet()))
            + "); add `main:` with a list of steps");
    return null;
  }

  private void warnUnknownKey(String key, NodeTuple tuple) {
    context.warning(
        tuple.getKeyNode(),
        key,
        "unknown top-level key `"
            + key
            + "` is ignored"
            + Suggestions.closest(key, TASK_KEYS)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("; a workflow must be a list of steps"));
  }
}
