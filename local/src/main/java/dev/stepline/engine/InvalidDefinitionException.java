package dev.stepline.engine;

import java.util.List;

/** A state machine definition that the engine rejects when it is registered. */
public class InvalidDefinitionException extends IllegalArgumentException {
  private final List<String> problems;

  InvalidDefinitionException(String machineArn, List<String> problems) {
    super(
        "invalid state machine definition " + machineArn + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem found, one message each. */
  public List<String> problems() {
    return problems;
  }
}
