package dev.stepline.load;

import dev.stepline.diag.Suggestions;
import dev.stepline.task.Step;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code prompt} steps and checks their messages: each has a known {@code role} and a {@code
 * content} that is a string or a list of content parts.
 */
final class PromptReader {

  /** Message roles Julep's task schema accepts. */
  static final List<String> ROLES = List.of("system", "user", "assistant", "tool");

  static final List<String> MESSAGE_KEYS =
      List.of("role", "content", "name", "tool_call_id", "tool_calls");

  static final List<String> PART_TYPES = List.of("text", "image_url");

  /**
   * Prompt step keys kept in {@link Step.Prompt#settings()} next to the model settings, because the
   * model has no field of their own.
   */
  static final List<String> SETTINGS_KEYS =
      List.of("tool_choice", "auto_run_tools", "disable_cache");

  private final LoadContext context;

  PromptReader(LoadContext context) {
    this.context = context;
  }

  Optional<Step> read(Fields fields, StepInfo info) {
    boolean ok = checkPrompt(fields.node("prompt"), fields.path("prompt"));
    Map<String, Value> settings = new LinkedHashMap<>();
    if (fields.has("settings")) {
      Optional<Value.MapOf> read =
          fields.mapValue("settings", "write model settings such as `temperature: 0.2` under it");
      ok &= read.isPresent();
      read.ifPresent(map -> settings.putAll(map.entries()));
    }
    for (String key : SETTINGS_KEYS) {
      if (fields.has(key)) {
        settings.put(key, fields.value(key));
      }
    }
    boolean unwrap = false;
    if (fields.has("unwrap")) {
      Optional<Boolean> read = fields.bool("unwrap");
      ok &= read.isPresent();
      unwrap = read.orElse(false);
    }
    Optional<String> secret = fields.optionalString("secret_name");
    ok &= secret != null;
    Map<String, Value> variables = Map.of();
    if (fields.has("template_variables")) {
      Optional<Value.MapOf> read =
          fields.mapValue("template_variables", "write a mapping of variable names to values");
      ok &= read.isPresent();
      variables = read.map(Value.MapOf::entries).orElse(Map.of());
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new Step.Prompt(
            info,
            fields.value("prompt"),
            fields.has("model") ? fields.value("model") : null,
            settings,
            variables,
            unwrap,
            secret.orElse(null),
            fields.has("tools") ? fields.value("tools") : null));
  }

  private boolean checkPrompt(Node node, String path) {
    if (YamlNodes.isString(node)) {
      return true;
    }
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      context.error(
          node,
          path,
          "`prompt` must be a string or a list of messages (found "
              + YamlNodes.describe(node)
              + "); write `- role: user` and `content: ...` for each message");
      return false;
    }
    boolean ok = true;
    List<Node> messages = sequence.getValue();
    for (int i = 0; i < messages.size(); i++) {
      ok &= checkMessage(messages.get(i), path + "[" + i + "]");
    }
    return ok;
  }

  private boolean checkMessage(Node node, String path) {
    if (!(node instanceof MappingNode mapping)) {
      context.error(
          node,
          path,
          "a prompt message must be a mapping with `role` and `content` (found "
              + YamlNodes.describe(node)
              + ")");
      return false;
    }
    Map<String, NodeTuple> entries = LoadContext.entries(mapping);
    if (!checkKeys(entries, MESSAGE_KEYS, "a prompt message", path)) {
      return false;
    }
    boolean ok = true;
    if (!entries.containsKey("role") || !entries.containsKey("content")) {
      context.error(
          node,
          path,
          "a prompt message needs `role` and `content` (found keys "
              + StepKindResolver.quoteAll(List.copyOf(entries.keySet()))
              + "); add the missing one");
      return false;
    }
    ok &= checkRole(entries.get("role").getValueNode(), path + ".role");
    ok &= checkContent(entries.get("content").getValueNode(), path + ".content");
    return ok;
  }

  private boolean checkRole(Node node, String path) {
    if (node instanceof ScalarNode scalar && ROLES.contains(scalar.getValue())) {
      return true;
    }
    String written = node instanceof ScalarNode scalar ? scalar.getValue() : "";
    context.error(
        node,
        path,
        "invalid message role (found "
            + YamlNodes.describe(node)
            + "); use one of "
            + StepKindResolver.quoteAll(ROLES)
            + Suggestions.closest(written, ROLES)
                .map(s -> " (did you mean `" + s + "`?)")
                .orElse(""));
    return false;
  }

  private boolean checkContent(Node node, String path) {
    if (node instanceof ScalarNode) {
      return true;
    }
    if (!(node instanceof SequenceNode sequence)) {
      context.error(
          node,
          path,
          "message `content` must be a string or a list of content parts (found "
              + YamlNodes.describe(node)
              + ")");
      return false;
    }
    boolean ok = true;
    List<Node> parts = sequence.getValue();
    for (int i = 0; i < parts.size(); i++) {
      ok &= checkPart(parts.get(i), path + "[" + i + "]");
    }
    return ok;
  }

  private boolean checkPart(Node node, String path) {
    if (YamlNodes.isString(node)) {
      return true;
    }
    if (!(node instanceof MappingNode mapping)) {
      context.error(
          node,
          path,
          "a content part must be a string or a mapping with `type` (found "
              + YamlNodes.describe(node)
              + ")");
      return false;
    }
    Map<String, NodeTuple> entries = LoadContext.entries(mapping);
    Node type = entries.containsKey("type") ? entries.get("type").getValueNode() : null;
    if (type == null
        || !(type instanceof ScalarNode scalar)
        || !PART_TYPES.contains(scalar.getValue())) {
      context.error(
          type == null ? node : type,
          path + ".type",
          "a content part needs `type: text` or `type: image_url` (found "
              + (type == null ? "no `type`" : YamlNodes.describe(type))
              + ")");
      return false;
    }
    String kind = ((ScalarNode) type).getValue();
    if (!checkKeys(entries, List.of("type", kind), "a `" + kind + "` content part", path)) {
      return false;
    }
    if (!entries.containsKey(kind)) {
      context.error(
          node,
          path,
          "a `"
              + kind
              + "` content part needs `"
              + kind
              + "`; add `"
              + kind
              + ": ...` beside `type`");
      return false;
    }
    return true;
  }

  private boolean checkKeys(
      Map<String, NodeTuple> entries, List<String> allowed, String what, String path) {
    boolean ok = true;
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      if (allowed.contains(entry.getKey())) {
        continue;
      }
      ok = false;
      context.error(
          entry.getValue().getKeyNode(),
          path + "." + entry.getKey(),
          "unknown key `"
              + entry.getKey()
              + "` in "
              + what
              + Suggestions.closest(entry.getKey(), allowed)
                  .map(s -> "; did you mean `" + s + "`?")
                  .orElse("; it takes " + StepKindResolver.quoteAll(allowed)));
    }
    return ok;
  }
}
