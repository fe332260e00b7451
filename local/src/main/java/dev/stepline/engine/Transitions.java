package dev.stepline.engine;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The transitions each state type may take, declared as data. Definition checks and the interpreter
 * both read this table, so a state can only leave the way its type allows.
 */
final class Transitions {

  /** A way to leave a state. */
  enum Step {
    /** Go to the state named by {@code Next}. */
    NEXT,
    /** End the machine (or branch) with {@code End: true}. */
    END,
    /** Go to the {@code Next} of the first matching Choice rule. */
    CHOICE,
    /** Go to the {@code Default} of a Choice state. */
    DEFAULT,
    /** Run the state again after a matching Retry rule. */
    RETRY,
    /** Go to the {@code Next} of a matching Catch rule. */
    CATCH,
    /** End the machine successfully from a Succeed state. */
    SUCCEED,
    /** End the machine (or branch) with an error. */
    FAIL
  }

  static final Map<String, Set<Step>> ALLOWED =
      Map.of(
          "Pass", EnumSet.of(Step.NEXT, Step.END, Step.FAIL),
          "Task", EnumSet.of(Step.NEXT, Step.END, Step.RETRY, Step.CATCH, Step.FAIL),
          "Choice", EnumSet.of(Step.CHOICE, Step.DEFAULT, Step.FAIL),
          "Wait", EnumSet.of(Step.NEXT, Step.END, Step.FAIL),
          "Succeed", EnumSet.of(Step.SUCCEED, Step.FAIL),
          "Fail", EnumSet.of(Step.FAIL),
          "Parallel", EnumSet.of(Step.NEXT, Step.END, Step.RETRY, Step.CATCH, Step.FAIL),
          "Map", EnumSet.of(Step.NEXT, Step.END, Step.RETRY, Step.CATCH, Step.FAIL));

  private Transitions() {}

  static boolean allows(String stateType, Step step) {
    Set<Step> steps = ALLOWED.get(stateType);
    return steps != null && steps.contains(step);
  }

  /** Returns whether states of this type continue with {@code Next} or {@code End}. */
  static boolean continues(String stateType) {
    return allows(stateType, Step.NEXT);
  }
}
