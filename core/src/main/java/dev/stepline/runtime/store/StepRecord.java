package dev.stepline.runtime.store;

/**
 * What one step recorded in one scope.
 *
 * @param scope the scope id
 * @param path the step path
 * @param label the step's label, or {@code null}
 * @param outputName the step's {@code output} name, or {@code null}
 * @param input the step's input ({@code _} when it started) as JSON text
 * @param output the step's output as JSON text, or {@code null} for a block step ({@code if},
 *     {@code switch}, {@code try_catch}) that records its input only
 * @param sequence the order in which the store first recorded it; higher is later
 */
public record StepRecord(
    String scope,
    String path,
    String label,
    String outputName,
    String input,
    String output,
    long sequence) {

  /** Returns true when the step recorded an output. */
  public boolean hasOutput() {
    return output != null;
  }
}
