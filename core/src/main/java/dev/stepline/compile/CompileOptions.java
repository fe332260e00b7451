package dev.stepline.compile;

/**
 * Settings of one compilation.
 *
 * @param type the workflow type to compile for, or {@code null} to choose it from the task
 */
public record CompileOptions(WorkflowType type) {

  /** Options that let the compiler choose everything from the task. */
  public static final CompileOptions DEFAULTS = new CompileOptions(null);
}
