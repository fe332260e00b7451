package dev.stepline.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Amazon States Language fields the engine supports, per state type, and the fields it rejects
 * with a clear message. Definition checks read this table, and a test checks that the differential
 * suite exercises every entry.
 */
final class AslFields {
  static final Set<String> MACHINE =
      Set.of("StartAt", "States", "Comment", "TimeoutSeconds", "Version", "QueryLanguage");

  /** Fields of a Parallel branch or a Map ItemProcessor/Iterator. */
  static final Set<String> SUB_MACHINE = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

  private static final Set<String> COMMON = Set.of("Type", "Comment");

  static final Map<String, Set<String>> STATE =
      Map.of(
          "Pass",
          Set.of("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Result"),
          "Task",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "Parameters",
              "ResultSelector",
              "ResultPath",
              "Resource",
              "Retry",
              "Catch",
              "TimeoutSeconds",
              "TimeoutSecondsPath",
              "HeartbeatSeconds",
              "HeartbeatSecondsPath"),
          "Choice",
          Set.of("Choices", "Default", "InputPath", "OutputPath"),
          "Wait",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "Seconds",
              "Timestamp",
              "SecondsPath",
              "TimestampPath"),
          "Succeed",
          Set.of("InputPath", "OutputPath"),
          "Fail",
          Set.of("Error", "Cause", "ErrorPath", "CausePath"),
          "Parallel",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "Parameters",
              "ResultSelector",
              "ResultPath",
              "Branches",
              "Retry",
              "Catch"),
          "Map",
          Set.of(
              "Next",
              "End",
              "InputPath",
              "OutputPath",
              "ItemsPath",
              "ItemSelector",
              "Parameters",
              "ResultSelector",
              "ResultPath",
              "ItemProcessor",
              "Iterator",
              "MaxConcurrency",
              "MaxConcurrencyPath",
              "Retry",
              "Catch"));

  /**
   * Fields that Step Functions defines but the embedded engine rejects, with what to do instead.
   */
  static final Map<String, String> UNSUPPORTED =
      Map.of(
          "ToleratedFailurePercentage", "tolerated failures belong to distributed Map states",
          "ToleratedFailurePercentagePath", "tolerated failures belong to distributed Map states",
          "ToleratedFailureCount", "tolerated failures belong to distributed Map states",
          "ToleratedFailureCountPath", "tolerated failures belong to distributed Map states",
          "ItemReader", "pass the items in the state input and use ItemsPath",
          "ItemBatcher", "partition the items with States.ArrayPartition",
          "ResultWriter", "the Map result is the state output",
          "Label", "Label names distributed Map runs",
          "Credentials", "Task states run in process with no role to assume",
          "Arguments", "JSONata mode is not supported; use Parameters");

  static final Set<String> RETRIER =
      Set.of(
          "ErrorEquals",
          "IntervalSeconds",
          "MaxAttempts",
          "BackoffRate",
          "MaxDelaySeconds",
          "JitterStrategy",
          "Comment");

  static final Set<String> CATCHER = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");

  /** The context object fields the engine fills, as paths below {@code $$}. */
  static final Set<String> CONTEXT_FIELDS =
      Set.of(
          "Execution.Id",
          "Execution.Input",
          "Execution.Name",
          "Execution.StartTime",
          "State.Name",
          "State.EnteredTime",
          "State.RetryCount",
          "StateMachine.Id",
          "Task.Token",
          "Map.Item.Index",
          "Map.Item.Value");

  /** The error names with special matching rules in Retry and Catch. */
  static final Set<String> SPECIAL_ERRORS =
      Set.of(
          ErrorMatcher.ALL,
          StateFailure.TASK_FAILED,
          StateFailure.TIMEOUT,
          StateFailure.HEARTBEAT_TIMEOUT);

  private AslFields() {}

  /**
   * Returns every feature the engine supports, named as {@link DefinitionParser} records them:
   * state types, {@code Type.Field}, {@code Retry.Field}, {@code Catch.Field}, Choice operators,
   * intrinsic functions, resource kinds, special error names, null paths and context fields.
   */
  static Set<String> supportedFeatures() {
    Set<String> features = new TreeSet<>(STATE.keySet());
    STATE.forEach((type, fields) -> fields.forEach(field -> features.add(type + "." + field)));
    RETRIER.stream().filter(f -> !f.equals("Comment")).forEach(f -> features.add("Retry." + f));
    CATCHER.stream().filter(f -> !f.equals("Comment")).forEach(f -> features.add("Catch." + f));
    features.addAll(ChoiceRule.OPERATORS);
    features.addAll(Set.of("And", "Or", "Not"));
    features.addAll(Intrinsics.FUNCTIONS);
    for (TaskResources.Kind kind : TaskResources.Kind.values()) {
      if (kind != TaskResources.Kind.OTHER) {
        features.add("Resource." + kind.name());
      }
    }
    features.add("Resource.LAMBDA_INVOKE" + TaskResources.WAIT_FOR_TASK_TOKEN);
    SPECIAL_ERRORS.forEach(error -> features.add("Error." + error));
    features.addAll(Set.of("InputPath.null", "OutputPath.null", "ResultPath.null"));
    features.addAll(Set.of("Machine.TimeoutSeconds", "Map.ProcessorConfig"));
    CONTEXT_FIELDS.forEach(field -> features.add("Context." + field));
    return features;
  }

  static boolean allowed(String stateType, String field) {
    return COMMON.contains(field) || STATE.get(stateType).contains(field);
  }
}
