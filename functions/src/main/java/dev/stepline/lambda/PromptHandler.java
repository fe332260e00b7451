package dev.stepline.lambda;

import dev.stepline.runtime.StepRunner;
import java.util.Set;

/**
 * Runs the {@code step} action of {@code prompt} steps. The function's ARN is the {@code
 * ${PromptFunctionArn}} substitution of the compiled state machines.
 */
public final class PromptHandler extends StepHandler {

  /** Builds the runner from the environment, once per Lambda container. */
  public PromptHandler() {
    this(LambdaWiring.fromEnvironment().runnerWithTools());
  }

  public PromptHandler(StepRunner runner) {
    super(Set.of("step"), runner::run);
  }
}
