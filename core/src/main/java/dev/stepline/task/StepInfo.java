package dev.stepline.task;

import java.util.Map;

/**
 * What every step has, whatever its kind.
 *
 * @param path the step's place in the task, such as {@code main[3].then[0]}; unique within a task
 *     and stable, so it names state-machine states and store records
 * @param label the user's {@code label}, or {@code null}
 * @param output the explicit spelling's {@code output} name that later expressions read, or {@code
 *     null}
 * @param input the explicit spelling's step-local {@code input} bindings (empty when absent)
 * @param position where the step starts in the file
 */
public record StepInfo(
    String path, String label, String output, Map<String, Value> input, SourcePosition position) {
  public StepInfo {
    input =
        input == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input));
  }
}
