package dev.stepline.runtime;

import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Runs {@code tool} steps through the {@link ToolProvider} that handles the tool's type. */
final class ToolCalls {
  /** The tool type whose calls wait for an answer from outside, like {@code wait_for_input}. */
  static final String FUNCTION = "function";

  private static final Set<String> UNSUPPORTED = Set.of("integration", "system");

  private final Map<String, ToolProvider> providers = new LinkedHashMap<>();
  private final boolean deployed;

  ToolCalls(List<ToolProvider> providers, boolean deployed) {
    for (ToolProvider provider : providers) {
      for (String type : provider.types()) {
        this.providers.putIfAbsent(type, provider);
      }
    }
    this.deployed = deployed;
  }

  /**
   * Returns the definition of the tool a step calls, after checking that Stepline can run its type.
   *
   * @throws ToolException {@code UnsupportedToolError} for {@code integration} and {@code system}
   *     tools, and for types no installed provider handles
   */
  ToolDefinition definition(Task task, Step.ToolCall step) {
    ToolDefinition tool =
        task.tool(step.tool())
            .orElseThrow(
                () ->
                    new StepError(
                        "NameError",
                        "tool '" + step.tool() + "' is not declared under tools: in this task"));
    if (UNSUPPORTED.contains(tool.type())
        || (!tool.type().equals(FUNCTION) && !providers.containsKey(tool.type()))) {
      throw new ToolException(
          "UnsupportedToolError",
          "tool '"
              + tool.name()
              + "' has type '"
              + tool.type()
              + "', which Stepline cannot run; supported types: "
              + String.join(", ", supportedTypes()));
    }
    return tool;
  }

  /** Calls a tool whose type a provider handles and returns its output. */
  Object call(
      Task task,
      ToolDefinition tool,
      Step.ToolCall step,
      Map<String, Object> arguments,
      Map<String, Object> names,
      SecretsMapping secrets) {
    Object credential = step.secretName() == null ? null : secrets.resolve(step.secretName());
    ToolRequest request =
        new ToolRequest(
            tool.name(),
            tool.type(),
            evaluatedSpec(tool, names),
            step.operation(),
            arguments,
            credential,
            deployed,
            name -> lookup(task, name, names));
    ToolProvider provider = providers.get(tool.type());
    Object output = provider.call(request);
    if (provider.isSecretOutput(request)) {
      secrets.maskDerived(output);
    }
    return output;
  }

  private Optional<ToolRequest> lookup(Task task, String name, Map<String, Object> names) {
    return task.tool(name)
        .map(
            other ->
                new ToolRequest(
                    other.name(),
                    other.type(),
                    evaluatedSpec(other, names),
                    null,
                    Map.of(),
                    null,
                    deployed));
  }

  private static Map<String, Object> evaluatedSpec(ToolDefinition tool, Map<String, Object> names) {
    return JsonLike.mapping(ValueEvaluator.evaluate(tool.spec(), names), "the tool definition");
  }

  private Set<String> supportedTypes() {
    Set<String> types = new TreeSet<>(providers.keySet());
    types.add(FUNCTION);
    types.removeAll(UNSUPPORTED);
    return types;
  }
}
