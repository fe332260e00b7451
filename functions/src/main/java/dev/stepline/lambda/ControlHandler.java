package dev.stepline.lambda;

import dev.stepline.runtime.StepRunner;
import java.util.Set;

/**
 * Runs the {@code condition}, {@code items} and {@code call} actions of {@code if}, {@code switch},
 * {@code foreach}, {@code map} and {@code workflow} steps. The function's ARN is the {@code
 * ${ControlFunctionArn}} substitution of the compiled state machines.
 */
public final class ControlHandler extends StepHandler {

  /**
   * Builds the runner from the environment, once per Lambda container, and primes the handler
   * before a SnapStart snapshot.
   */
  public ControlHandler() {
    this(LambdaWiring.fromEnvironment().runner());
    primeBeforeSnapshot(Priming.ifCondition());
  }

  public ControlHandler(StepRunner runner) {
    super(Set.of("condition", "items", "call"), runner::run);
  }
}
