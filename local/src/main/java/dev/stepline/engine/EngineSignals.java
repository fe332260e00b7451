package dev.stepline.engine;

import java.util.List;

/** Signals that end a path of control without being a state failure that Catch could handle. */
final class EngineSignals {
  private EngineSignals() {}

  /** The execution passed its TimeoutSeconds. */
  static final class ExecutionTimedOut extends RuntimeException {
    ExecutionTimedOut(int seconds) {
      super("The execution timed out after " + seconds + " seconds", null, false, false);
    }
  }

  /** A sibling branch or iteration failed, so this one stops. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      this("cancelled because a sibling branch or iteration failed");
    }

    Cancelled(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A state tried to leave in a way its type does not allow. This means the engine is wrong, so the
   * message names the machine, the state and the history so far.
   */
  static final class InvalidTransition extends RuntimeException {
    InvalidTransition(
        String machineArn, State state, Transitions.Step step, List<String> historySoFar) {
      super(
          "invalid transition "
              + step
              + " from "
              + state.type
              + " state '"
              + state.name
              + "' of state machine "
              + machineArn
              + "; allowed: "
              + Transitions.ALLOWED.get(state.type)
              + "; history so far: "
              + historySoFar);
    }
  }
}
