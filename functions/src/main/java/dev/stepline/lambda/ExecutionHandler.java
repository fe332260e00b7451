package dev.stepline.lambda;

import dev.stepline.runtime.StepRunner;
import java.util.Set;

/**
 * Runs the execution bookkeeping actions of a state machine: {@code start}, {@code finish}, {@code
 * fail}, {@code catch} and {@code close}. The function's ARN is the {@code ${ExecutionFunctionArn}}
 * substitution of the compiled state machines.
 */
public final class ExecutionHandler extends StepHandler {

  /**
   * Builds the runner from the environment, once per Lambda container, and primes the handler
   * before a SnapStart snapshot.
   */
  public ExecutionHandler() {
    this(LambdaWiring.fromEnvironment().runner());
    primeBeforeSnapshot(Priming.startAndFinish());
  }

  public ExecutionHandler(StepRunner runner) {
    super(Set.of("start", "finish", "fail", "catch", "close"), runner::run);
  }
}
