package dev.stepline.compile;

/** The Step Functions workflow type a state machine is created with. */
public enum WorkflowType {
  /** Exactly-once, up to one year, 25,000 history events; supports callbacks and nested runs. */
  STANDARD,
  /** At-least-once, up to five minutes, no callbacks and no {@code .sync} nested executions. */
  EXPRESS;

  /** Parses {@code standard} or {@code express}, in any case. */
  public static WorkflowType parse(String text) {
    for (WorkflowType type : values()) {
      if (type.name().equalsIgnoreCase(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "invalid workflow type (found " + text + "); use standard or express");
  }
}
