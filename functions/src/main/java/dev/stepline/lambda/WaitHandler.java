package dev.stepline.lambda;

import dev.stepline.runtime.StepRunner;
import java.util.Set;

/**
 * Runs the {@code step} action of {@code wait_for_input} steps and {@code function} tool calls,
 * which store the task token of a {@code .waitForTaskToken} state; the execution resumes when the
 * caller sends the answer. The function's ARN is the {@code ${WaitFunctionArn}} substitution of the
 * compiled state machines.
 */
public final class WaitHandler extends StepHandler {

  /**
   * Builds the runner from the environment, once per Lambda container, and primes the handler
   * before a SnapStart snapshot.
   */
  public WaitHandler() {
    this(LambdaWiring.fromEnvironment().runner());
    primeBeforeSnapshot(Priming.waitForInput());
  }

  public WaitHandler(StepRunner runner) {
    super(Set.of("step"), runner::run);
  }
}
