package dev.stepline.engine;

import java.util.List;

/**
 * Matches a failure against the ErrorEquals list of a Retry or Catch rule, with Step Functions'
 * rules: {@code States.ALL} matches every error except {@code States.Runtime}; {@code
 * States.TaskFailed} matches every error of a Task state except {@code States.Timeout}; any other
 * name matches only itself.
 */
final class ErrorMatcher {
  static final String ALL = "States.ALL";

  private ErrorMatcher() {}

  static boolean matches(List<String> errorEquals, StateFailure failure, String stateType) {
    if (!failure.isHandleable()) {
      return false;
    }
    for (String name : errorEquals) {
      if (name.equals(ALL) || name.equals(failure.error())) {
        return true;
      }
      if (name.equals(StateFailure.TASK_FAILED)
          && stateType.equals("Task")
          && !failure.error().equals(StateFailure.TIMEOUT)) {
        return true;
      }
    }
    return false;
  }
}
