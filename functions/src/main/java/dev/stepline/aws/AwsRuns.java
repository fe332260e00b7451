package dev.stepline.aws;

import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Starts and reads executions of a deployed stack: creates the execution record with the task text
 * and input, then starts the task's main state machine with the payload {@code {"execution": id,
 * "scope": ""}}, so that no input or secret enters Step Functions.
 *
 * <p>{@link #main} makes it a small command for docs/deploy.md: {@code start STATE_MACHINE_ARN
 * TASK_FILE INPUT_JSON} prints the execution id, and {@code status EXECUTION_ID} prints the status,
 * output or error. It reads {@code STEPLINE_TABLE_NAME} and the usual AWS variables.
 */
public final class AwsRuns {
  private final ExecutionStore store;
  private final SfnClient stepFunctions;

  public AwsRuns(ExecutionStore store, SfnClient stepFunctions) {
    this.store = store;
    this.stepFunctions = stepFunctions;
  }

  /**
   * Creates the execution and starts its state machine; the Step Functions execution has the same
   * name as the Stepline execution id.
   *
   * @return the execution id
   */
  public String start(String stateMachineArn, String taskId, String taskText, String inputJson) {
    String id = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(id, taskId, taskText, inputJson));
    try {
      stepFunctions.startExecution(
          request ->
              request
                  .stateMachineArn(stateMachineArn)
                  .name(id)
                  .input("{\"execution\": \"" + id + "\", \"scope\": \"\"}"));
    } catch (SfnException e) {
      store.fail(id, new Failure("", "", "StartError", "Failed to start " + stateMachineArn));
      throw new IllegalStateException(
          "Failed to start state machine " + stateMachineArn + " for execution " + id, e);
    }
    return id;
  }

  /** Returns the execution record, or empty when the id is unknown. */
  public Optional<ExecutionRecord> find(String executionId) {
    return store.findExecution(executionId);
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> environment = System.getenv();
    String table = environment.get("STEPLINE_TABLE_NAME");
    if (table == null || args.length == 0) {
      System.err.println(
          "usage: STEPLINE_TABLE_NAME=TABLE java -cp stepline-functions-lambda.jar"
              + " dev.stepline.aws.AwsRuns start STATE_MACHINE_ARN TASK_FILE INPUT_JSON"
              + " | status EXECUTION_ID");
      System.exit(2);
    }
    AwsClients clients = new AwsClients(environment);
    AwsRuns runs;
    try {
      runs =
          new AwsRuns(
              new DynamoDbExecutionStore(clients.dynamoDb(), table, (Duration) null),
              clients.stepFunctions());
    } catch (MissingRegionException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (args[0].equals("start") && args.length == 4) {
      Path task = Path.of(args[2]);
      String taskId = task.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
      System.out.println(
          runs.start(args[1], taskId, Files.readString(task, StandardCharsets.UTF_8), args[3]));
    } else if (args[0].equals("status") && args.length == 2) {
      ExecutionRecord execution =
          runs.find(args[1])
              .orElseThrow(() -> new IllegalArgumentException("execution not found: " + args[1]));
      System.out.println(execution.status().wireName());
      if (execution.output() != null) {
        System.out.println(execution.output());
      }
      if (execution.error() != null) {
        System.out.println(
            execution.error().path()
                + ": "
                + execution.error().type()
                + ": "
                + execution.error().message());
      }
    } else {
      System.err.println("invalid arguments; use start ARN TASK_FILE INPUT_JSON or status ID");
      System.exit(2);
    }
  }
}
