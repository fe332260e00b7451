package dev.stepline.runtime.spi;

import java.util.Map;

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
 *     null}; a string, or a mapping when the secret holds a JSON object
 * @param deployed true on AWS, where loopback addresses are refused; false on the embedded engine
 */
public record ToolRequest(
    String toolName,
    String type,
    Map<String, Object> spec,
    String operation,
    Map<String, Object> arguments,
    Object credential,
    boolean deployed) {
  public ToolRequest {
    spec = Map.copyOf(spec);
    arguments = Map.copyOf(arguments);
  }
}
