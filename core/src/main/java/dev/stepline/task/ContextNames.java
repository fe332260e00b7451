package dev.stepline.task;

import java.util.Set;

/** The names the runtime binds in every step's expression context. */
public final class ContextNames {

  /**
   * {@code _}, {@code steps}, {@code inputs}, {@code outputs}, {@code state}, {@code secrets},
   * {@code input}, {@code error}, {@code agent}, {@code execution} and {@code task}: a named output
   * or input binding never hides them, and the validator rejects an output name among them.
   */
  public static final Set<String> BOUND =
      Set.of(
          "_",
          "steps",
          "inputs",
          "outputs",
          "state",
          "secrets",
          "input",
          "error",
          "agent",
          "execution",
          "task");

  private ContextNames() {}
}
