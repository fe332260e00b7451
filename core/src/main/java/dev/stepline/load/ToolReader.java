package dev.stepline.load;

import dev.stepline.diag.Suggestions;
import dev.stepline.task.ToolDefinition;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the {@code tools:} list into {@link ToolDefinition}s.
 *
 * <p>Keys Julep's own schema does not know inside a tool's settings are warnings, not errors,
 * because Julep ignores them and still runs the task.
 */
final class ToolReader {

  static final List<String> TYPES =
      List.of(
          "api_call", "http", "database", "email", "oauth2", "function", "integration", "system");

  static final List<String> TOOL_KEYS = List.of("name", "type", "description");

  /** Julep's tool-name rule: a letter or underscore, then word characters, at most 40. */
  static final Pattern NAME =
      Pattern.compile("[^\\W0-9]\\w{0,39}", Pattern.UNICODE_CHARACTER_CLASS);

  /** Settings keys per tool type, from Julep's task schema; types not listed are not checked. */
  static final Map<String, List<String>> SPEC_KEYS =
      Map.of(
          "api_call",
          List.of(
              "method",
              "url",
              "headers",
              "params",
              "json",
              "data",
              "content",
              "cookies",
              "files",
              "follow_redirects",
              "timeout",
              "schema",
              "params_schema",
              "secrets",
              "include_response_content"),
          "integration",
          List.of("provider", "method", "setup", "arguments"),
          "system",
          List.of("resource", "subresource", "operation", "resource_id", "arguments"),
          "function",
          List.of("name", "description", "parameters"));

  static final Map<String, List<String>> REQUIRED_SPEC_KEYS =
      Map.of(
          "api_call", List.of("method", "url"),
          "integration", List.of("provider"),
          "system", List.of("resource", "operation"));

  private static final Set<String> COMMON_HEADERS =
      Set.of(
          "authorization", "accept", "cookie", "user-agent", "content-type", "origin", "referer");

  private final LoadContext context;

  ToolReader(LoadContext context) {
    this.context = context;
  }

  List<ToolDefinition> read(Node node) {
    if (!(node instanceof SequenceNode sequence)) {
      context.error(
          node,
          "tools",
          "`tools` must be a list of tool definitions (found "
              + YamlNodes.describe(node)
              + "); start each tool with `- name: ...`");
      return List.of();
    }
    List<ToolDefinition> tools = new ArrayList<>();
    Map<String, ToolDefinition> byName = new HashMap<>();
    List<Node> nodes = sequence.getValue();
    for (int i = 0; i < nodes.size(); i++) {
      Optional<ToolDefinition> tool = tool(nodes.get(i), "tools[" + i + "]");
      if (tool.isEmpty()) {
        continue;
      }
      ToolDefinition first = byName.putIfAbsent(tool.get().name(), tool.get());
      if (first != null) {
        context.error(
            nodes.get(i),
            "tools[" + i + "].name",
            "duplicate tool name `"
                + tool.get().name()
                + "` (first defined at line "
                + first.position().line()
                + "); give each tool its own name");
        continue;
      }
      tools.add(tool.get());
    }
    return tools;
  }

  /**
   * Reads one tool. A tool with a valid name is returned even when its type or settings have errors
   * (already reported), so that steps calling it do not also get "unknown tool".
   */
  private Optional<ToolDefinition> tool(Node node, String path) {
    Optional<MappingNode> mapping =
        context.mapping(node, path, "tools[]", "write `- name: ...` with `type:` and its settings");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = new Fields(context, LoadContext.entries(mapping.get()), path);

    if (!fields.has("name")) {
      fields.require(mapping.get(), "a tool", "name", "type");
      return Optional.empty();
    }
    Optional<String> name = fields.string("name").filter(n -> checkName(n, fields));
    if (name.isEmpty()) {
      return Optional.empty();
    }

    Value.MapOf empty = new Value.MapOf(Map.of(), context.position(mapping.get()));
    ToolDefinition broken = new ToolDefinition(name.get(), null, null, empty, empty.position());
    if (!fields.require(mapping.get(), "a tool", "type")) {
      return Optional.of(broken);
    }
    Optional<String> type = fields.string("type").filter(t -> checkType(t, fields));
    Optional<String> description = fields.optionalString("description");
    if (type.isEmpty() || description == null) {
      return Optional.of(broken);
    }

    String canonicalType = type.get().equals("http") ? "api_call" : type.get();
    Optional<Value.MapOf> spec = spec(fields, type.get(), canonicalType, mapping.get());
    return Optional.of(
        new ToolDefinition(
            name.get(),
            canonicalType,
            description.orElse(null),
            spec.orElse(empty),
            context.position(mapping.get())));
  }

  private boolean checkName(String name, Fields fields) {
    if (NAME.matcher(name).matches()) {
      return true;
    }
    context.error(
        fields.node("name"),
        fields.path("name"),
        "invalid tool name (found `"
            + YamlNodes.echo(name)
            + "`); a tool name starts with a letter or `_`, has only letters, digits and `_`, and"
            + " is at most 40 characters");
    return false;
  }

  private boolean checkType(String type, Fields fields) {
    if (TYPES.contains(type)) {
      return true;
    }
    context.error(
        fields.node("type"),
        fields.path("type"),
        "unknown tool type (found `"
            + YamlNodes.echo(type)
            + "`)"
            + Suggestions.closest(type, TYPES)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("; use one of " + StepKindResolver.quoteAll(TYPES)));
    return false;
  }

  /** Reads the settings under the key named after the type, and checks the tool's other keys. */
  private Optional<Value.MapOf> spec(
      Fields fields, String type, String canonicalType, MappingNode tool) {
    List<String> specKeys =
        canonicalType.equals("api_call") ? List.of("api_call", "http") : List.of(canonicalType);
    if (!checkToolKeys(fields, canonicalType, specKeys)) {
      return Optional.empty();
    }
    String specKey = specKeys.stream().filter(fields::has).findFirst().orElse(null);
    if (specKey == null) {
      if (REQUIRED_SPEC_KEYS.containsKey(canonicalType)) {
        context.error(
            tool,
            fields.path(),
            "a `"
                + type
                + "` tool needs its settings under `"
                + specKeys.get(0)
                + "` (found keys "
                + StepKindResolver.quoteAll(List.copyOf(fields.entries().keySet()))
                + "); add `"
                + specKeys.get(0)
                + ":` with "
                + StepKindResolver.quoteAll(REQUIRED_SPEC_KEYS.get(canonicalType)));
        return Optional.empty();
      }
      return Optional.of(new Value.MapOf(Map.of(), context.position(tool)));
    }
    Optional<MappingNode> spec =
        context.mapping(
            fields.node(specKey),
            fields.path(specKey),
            specKey,
            "write the tool's settings under it");
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    if (!checkSpec(spec.get(), canonicalType, fields.path(specKey))) {
      return Optional.empty();
    }
    return Optional.of((Value.MapOf) context.value(spec.get(), fields.path(specKey)));
  }

  private boolean checkToolKeys(Fields fields, String type, List<String> specKeys) {
    boolean ok = true;
    for (Map.Entry<String, NodeTuple> entry : fields.entries().entrySet()) {
      String key = entry.getKey();
      if (TOOL_KEYS.contains(key) || specKeys.contains(key)) {
        continue;
      }
      ok = false;
      String hint =
          TYPES.contains(key)
              ? "; the settings key must match `type` (`" + specKeys.get(0) + "`)"
              : SPEC_KEYS.getOrDefault(type, List.of()).contains(key)
                  ? "; it is "
                      + StepKindResolver.article(type)
                      + " `"
                      + type
                      + "` setting, so move it under `"
                      + specKeys.get(0)
                      + ":`"
                  : Suggestions.closest(key, concat(TOOL_KEYS, specKeys))
                      .map(s -> "; did you mean `" + s + "`?")
                      .orElse(
                          "; a tool takes `name`, `type`, `description` and `"
                              + specKeys.get(0)
                              + "`");
      context.error(
          entry.getValue().getKeyNode(),
          fields.path(key),
          "unknown key `" + key + "` in a tool definition" + hint);
    }
    return ok;
  }

  private boolean checkSpec(MappingNode spec, String type, String path) {
    Fields fields = new Fields(context, LoadContext.entries(spec), path);
    List<String> required = REQUIRED_SPEC_KEYS.getOrDefault(type, List.of());
    if (!fields.require(spec, "`" + type + "`", required.toArray(String[]::new))) {
      return false;
    }
    List<String> known = SPEC_KEYS.get(type);
    if (known == null) {
      return true;
    }
    for (Map.Entry<String, NodeTuple> entry : fields.entries().entrySet()) {
      if (!known.contains(entry.getKey())) {
        warnUnknownSpecKey(entry.getKey(), entry.getValue().getKeyNode(), type, path);
      }
    }
    return true;
  }

  private void warnUnknownSpecKey(String key, Node keyNode, String type, String path) {
    String hint;
    if (type.equals("api_call") && looksLikeHeader(key)) {
      hint = "; it looks like an HTTP header, which belongs under `headers`";
    } else {
      hint =
          Suggestions.closest(key, SPEC_KEYS.get(type))
              .map(s -> "; did you mean `" + s + "`?")
              .orElse("; it takes " + StepKindResolver.quoteAll(SPEC_KEYS.get(type)));
    }
    context.warning(
        keyNode,
        path + "." + key,
        "unknown key `" + key + "` in `" + type + "` settings is ignored" + hint);
  }

  private static boolean looksLikeHeader(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    return lower.startsWith("x-") || COMMON_HEADERS.contains(lower) || key.contains("-");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
