package dev.stepline.lambda;

import dev.stepline.runtime.StepRunner;
import java.util.Set;

/**
 * Runs the {@code step} action of {@code tool} and {@code tool_call} steps. The function's ARN is
 * the {@code ${ToolFunctionArn}} substitution of the compiled state machines.
 */
public final class ToolHandler extends StepHandler {

  /** Builds the runner from the environment, once per Lambda container. */
  public ToolHandler() {
    this(LambdaWiring.fromEnvironment().runnerWithTools());
  }

  public ToolHandler(StepRunner runner) {
    super(Set.of("step"), runner::run);
  }
}
