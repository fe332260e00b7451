package dev.stepline.lambda;

import dev.stepline.runtime.StepRunner;
import java.util.Set;

/**
 * Runs the {@code step} action of {@code evaluate}, {@code transform}, {@code return}, {@code log},
 * {@code get}, {@code set} and computed {@code error} steps. The function's ARN is the {@code
 * ${EvaluateFunctionArn}} substitution of the compiled state machines.
 */
public final class EvaluateHandler extends StepHandler {

  /**
   * Builds the runner from the environment, once per Lambda container, and primes the handler
   * before a SnapStart snapshot.
   */
  public EvaluateHandler() {
    this(LambdaWiring.fromEnvironment().runner());
    primeBeforeSnapshot(Priming.evaluateStep());
  }

  public EvaluateHandler(StepRunner runner) {
    super(Set.of("step"), runner::run);
  }
}
