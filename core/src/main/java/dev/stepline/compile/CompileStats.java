package dev.stepline.compile;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The size and cost of a compiled task: states per state machine, and the states, Lambda
 * invocations and state transitions of one run of each step.
 *
 * @param statesPerMachine the number of states of each state machine, by workflow, nested states
 *     included
 * @param steps the cost of each step, not counting the steps of its blocks
 */
public record CompileStats(Map<String, Integer> statesPerMachine, List<StepCost> steps) {

  /** Transitions of the {@code start} and {@code finish} states that every execution runs. */
  public static final int TRANSITIONS_PER_EXECUTION = 2;

  /** Returns the mean transitions of one run of a step, over the steps of the task. */
  public double averageTransitionsPerStep() {
    return steps.stream().mapToInt(StepCost::transitions).average().orElse(0);
  }

  /** Returns the mean Lambda invocations of one run of a step, over the steps of the task. */
  public double averageLambdaInvocationsPerStep() {
    return steps.stream().mapToInt(StepCost::lambdaInvocations).average().orElse(0);
  }

  /** Formats the numbers as the table {@code stepline compile --stats} prints. */
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("state machine                  states\n");
    statesPerMachine.forEach(
        (workflow, states) ->
            text.append(String.format(Locale.ROOT, "%-30s %6d%n", workflow, states)));
    text.append('\n');
    text.append(
        String.format(
            Locale.ROOT,
            "%-40s %-15s %6s %8s %12s%n",
            "step",
            "kind",
            "states",
            "lambdas",
            "transitions"));
    for (StepCost step : steps) {
      text.append(
          String.format(
              Locale.ROOT,
              "%-40s %-15s %6d %8d %12d%n",
              step.path(),
              step.kind(),
              step.states(),
              step.lambdaInvocations(),
              step.transitions()));
    }
    text.append('\n');
    text.append(
        "Each run of a step costs the numbers on its line; the steps of a loop body run once per"
            + " item.\n");
    text.append(
        "Every execution also runs start and finish: "
            + TRANSITIONS_PER_EXECUTION
            + " transitions and "
            + TRANSITIONS_PER_EXECUTION
            + " Lambda invocations.\n");
    text.append(
        String.format(
            Locale.ROOT,
            "Average per step: %.2f transitions, %.2f Lambda invocations.%n",
            averageTransitionsPerStep(),
            averageLambdaInvocationsPerStep()));
    return text.toString();
  }
}
