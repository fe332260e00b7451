package dev.stepline.engine;

import java.util.Map;
import java.util.Set;

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

  /** Fields that Step Functions knows but the embedded engine rejects, with what to do instead. */
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

  private AslFields() {}

  static boolean allowed(String stateType, String field) {
    return COMMON.contains(field) || STATE.get(stateType).contains(field);
  }
}
