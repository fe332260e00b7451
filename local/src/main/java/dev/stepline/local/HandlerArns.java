package dev.stepline.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda ARNs the embedded engine gives the step handlers. Compiled machines name each handler
 * with a DefinitionSubstitution such as {@code ${EvaluateFunctionArn}}; locally every one of them
 * resolves to a made-up ARN that {@link RuntimeTaskHandler} runs in process.
 */
public final class HandlerArns {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";

  /** The DefinitionSubstitution names of the step handlers, as the compiler writes them. */
  static final String[] FUNCTIONS = {
    "ExecutionFunctionArn",
    "EvaluateFunctionArn",
    "ControlFunctionArn",
    "ToolFunctionArn",
    "PromptFunctionArn",
    "WaitFunctionArn"
  };

  private HandlerArns() {}

  /** Returns the substitutions of every step handler. */
  public static Map<String, String> functionSubstitutions() {
    Map<String, String> substitutions = new LinkedHashMap<>();
    for (String function : FUNCTIONS) {
      String name = "stepline-" + function.substring(0, function.length() - "FunctionArn".length());
      substitutions.put(function, "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name);
    }
    return substitutions;
  }

  /** Returns the ARN of a local state machine. */
  public static String stateMachine(String name) {
    return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
  }
}
