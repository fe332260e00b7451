package dev.stepline.runtime.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluated tool call.
 *
 * @param toolName the tool's name under {@code tools:}
 * @param type the tool's type ({@code api_call}, {@code http}, {@code database}, ...)
 * @param spec the tool definition's type-specific fields (the mapping under the type key, such as
 *     {@code api_call: {method, url, headers}}), with every expression evaluated
 * @param operation the step's {@code operation}, or {@code null}
 * @param arguments the step's evaluated {@code arguments}; empty when it has none
 * @param credential the value of the secret named by the step's {@code secret_name}, or {@code
 *     null}; a string, or a mapping when the secret contains a JSON object
 * @param deployed true on AWS, where loopback addresses are refused; false on the embedded engine
 * @param tools finds the other tools of the same task, for references such as {@code auth: {oauth2:
 *     token_tool}}
 */
public record ToolRequest(
    String toolName,
    String type,
    Map<String, Object> spec,
    String operation,
    Map<String, Object> arguments,
    Object credential,
    boolean deployed,
    ToolLookup tools) {

  /**
   * Copies {@code spec} and {@code arguments}, keeping their order and any {@code null} values (an
   * argument evaluated to {@code None} is still an argument).
   */
  public ToolRequest {
    spec = Collections.unmodifiableMap(new LinkedHashMap<>(spec));
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    tools = tools == null ? NO_TOOLS : tools;
  }

  /** Creates a request that cannot refer to other tools. */
  public ToolRequest(
      String toolName,
      String type,
      Map<String, Object> spec,
      String operation,
      Map<String, Object> arguments,
      Object credential,
      boolean deployed) {
    this(toolName, type, spec, operation, arguments, credential, deployed, NO_TOOLS);
  }

  private static final ToolLookup NO_TOOLS = name -> Optional.empty();

  /** Finds another tool of the task by name. */
  @FunctionalInterface
  public interface ToolLookup {

    /**
     * Returns a request for the named tool, with its definition evaluated like the calling tool's,
     * no operation, no arguments and no credential; empty when the task declares no such tool.
     */
    Optional<ToolRequest> find(String toolName);
  }
}
