package dev.stepline.task;

import java.util.List;
import java.util.Map;

/**
 * A whole task file, normalised.
 *
 * @param workflows every workflow by name, {@code main} first, then the others in file order
 * @param inputSchema the {@code input_schema} as plain JSON-like Java values ({@code Map}, {@code
 *     List}, scalars), or {@code null}
 * @param metadata the {@code metadata} mapping as plain values (empty when absent)
 */
public record Task(
    String name,
    String description,
    Object inputSchema,
    Map<String, Object> metadata,
    List<ToolDefinition> tools,
    Map<String, Workflow> workflows,
    SourcePosition position) {

  public Task {
    tools = List.copyOf(tools);
    workflows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(workflows));
    metadata =
        metadata == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }

  public Workflow main() {
    return workflows.get("main");
  }

  public java.util.Optional<ToolDefinition> tool(String toolName) {
    return tools.stream().filter(t -> t.name().equals(toolName)).findFirst();
  }
}
