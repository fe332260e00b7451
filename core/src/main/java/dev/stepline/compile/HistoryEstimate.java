package dev.stepline.compile;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Estimates how many execution history events the states of a body add, to warn before a loop
 * exceeds the 25,000 events of a Standard execution.
 *
 * <p>The counts follow the events Step Functions records: a Task state adds entered, scheduled,
 * started, succeeded and exited (5); Choice, Pass, Wait, Succeed and Fail add entered and exited
 * (2); a Map or Parallel state adds entered, started, succeeded and exited (4) plus its iterations
 * or branches. Every state of a body is counted once, so both sides of an {@code if} count, and a
 * nested loop counts one iteration: the estimate is of one iteration's order of size.
 */
final class HistoryEstimate {
  /** Maximum number of events in the history of a Standard execution. */
  static final int STANDARD_HISTORY_LIMIT = 25_000;

  /** Maximum size of a state's input or output, in bytes. */
  static final int PAYLOAD_LIMIT = 256 * 1024;

  /**
   * Estimated size of one iteration's output in a Map result: the execution id as a JSON string and
   * a separator.
   */
  static final int ITERATION_OUTPUT_BYTES = 48;

  private HistoryEstimate() {}

  /** Returns the events of one Map iteration whose states are {@code states}. */
  static int eventsPerIteration(JsonNode states) {
    return 2 + eventsOf(states);
  }

  private static int eventsOf(JsonNode states) {
    int events = 0;
    for (JsonNode state : states) {
      events += eventsOfState(state);
    }
    return events;
  }

  private static int eventsOfState(JsonNode state) {
    switch (state.path("Type").asText()) {
      case "Task":
        return 5;
      case "Map":
        return 4 + eventsPerIteration(state.path("ItemProcessor").path("States"));
      case "Parallel":
        int events = 4;
        for (JsonNode branch : state.path("Branches")) {
          events += eventsOf(branch.path("States"));
        }
        return events;
      default:
        return 2;
    }
  }
}
