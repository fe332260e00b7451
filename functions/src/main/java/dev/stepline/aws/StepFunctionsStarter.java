package dev.stepline.aws;

import dev.stepline.api.ApiStore.TaskRecord;
import dev.stepline.api.BundledTasks;
import dev.stepline.api.ExecutionStarter;
import dev.stepline.compile.AslCompiler;
import dev.stepline.compile.Compilation;
import dev.stepline.compile.CompileOptions;
import dev.stepline.compile.StateMachine;
import dev.stepline.compile.WorkflowType;
import dev.stepline.diag.Diagnostic;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.TextTaskResolver;
import dev.stepline.runtime.store.ExecutionNotFoundException;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.runtime.store.Failure;
import dev.stepline.task.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * Runs the API's executions on Step Functions. Registering a task compiles it and creates (or
 * updates) one state machine per compiled machine, named {@code <prefix>task-<task id>} for the
 * main workflow and {@code <prefix>task-<task id>-<n>} for recursive subworkflow n, with the
 * handler ARNs substituted as {@code template.yaml} does for the bundled tasks. Starting an
 * execution starts the task's main machine with the Stepline execution id as the execution name, so
 * a repeated start of the same execution (a retried request with the same client token) cannot run
 * it twice. A task whose text is one of the bundled tasks starts the machine {@code template.yaml}
 * deployed for it instead.
 */
public final class StepFunctionsStarter implements ExecutionStarter {
  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");

  /**
   * The account, role and handler ARNs of the registered state machines.
   *
   * @param machineArnPrefix the ARN of a state machine up to its name, with the name prefix, such
   *     as {@code arn:aws:states:us-east-1:123456789012:stateMachine:stepline-}
   * @param roleArn the role every registered machine runs with
   * @param handlerArns the ARN of each handler substitution, such as {@code ExecutionFunctionArn}
   * @param logGroupArn the log group of the machines' execution logs, or {@code null} for none
   */
  public record Settings(
      String machineArnPrefix,
      String roleArn,
      Map<String, String> handlerArns,
      String logGroupArn) {

    public Settings {
      handlerArns = Map.copyOf(handlerArns);
    }

    String machineName(String textHash, int index) {
      String arnName = machineArnPrefix.substring(machineArnPrefix.lastIndexOf(':') + 1);
      return arnName + "task-" + textHash + (index == 0 ? "" : "-" + index);
    }

    String machineArn(String textHash, int index) {
      return machineArnPrefix + "task-" + textHash + (index == 0 ? "" : "-" + index);
    }
  }

  private final SfnClient stepFunctions;
  private final StepRunner runner;
  private final Settings settings;
  private final Map<String, String> bundledMachines = new HashMap<>();

  /**
   * @param runner the runner on the API's execution store, which records the responses to waits
   */
  public StepFunctionsStarter(SfnClient stepFunctions, StepRunner runner, Settings settings) {
    this(stepFunctions, runner, settings, new BundledTasks(Map.of()));
  }

  /**
   * @param bundled the tasks whose machines {@code template.yaml} deploys: a start of one of these
   *     task texts starts the deployed machine {@code <prefix><machine name suffix>}
   */
  public StepFunctionsStarter(
      SfnClient stepFunctions, StepRunner runner, Settings settings, BundledTasks bundled) {
    this.stepFunctions = stepFunctions;
    this.runner = runner;
    this.settings = settings;
    bundled
        .texts()
        .forEach(
            (name, text) ->
                bundledMachines.put(
                    textHash(text),
                    settings.machineArnPrefix() + BundledTasks.machineNameSuffix(name)));
  }

  /**
   * Compiles the task and creates its state machines, or updates them to this version. Executions
   * already running keep the definition they started with.
   *
   * @throws IllegalArgumentException when the task does not compile, listing the errors
   * @throws IllegalStateException when Step Functions rejects a machine
   */
  @Override
  public void register(TaskRecord record, Task task) {
    String taskId = record.id();
    String textHash = textHash(record.text());
    Compilation compilation = AslCompiler.compile(task, CompileOptions.DEFAULTS);
    if (compilation.hasErrors()) {
      List<String> errors =
          compilation.problems().stream()
              .filter(Diagnostic::isError)
              .map(Diagnostic::format)
              .toList();
      throw new IllegalArgumentException(
          "task " + taskId + " does not compile: " + String.join("; ", errors));
    }
    Map<String, String> substitutions = substitutions(textHash, compilation.machines());
    StateMachineType type = StateMachineType.fromValue(compilation.type().name());
    List<StateMachine> machines = compilation.machines();
    for (int i = 0; i < machines.size(); i++) {
      String definition = substitute(machines.get(i).json(), substitutions);
      createOrUpdate(textHash, i, type, definition);
    }
  }

  @Override
  public void start(String executionId, Task task, String taskText, String inputJson) {
    String machineArn = mainMachineArn(textHash(taskText));
    try {
      stepFunctions.startExecution(
          request ->
              request
                  .stateMachineArn(machineArn)
                  .name(executionId)
                  .input("{\"execution\": \"" + executionId + "\", \"scope\": \"\"}"));
    } catch (SfnException e) {
      runner
          .store()
          .fail(
              executionId,
              new Failure("", "", "StartError", "Step Functions did not start " + machineArn));
      throw new IllegalStateException(
          "Failed to start state machine " + machineArn + " for execution " + executionId, e);
    }
  }

  /**
   * Stops a Standard execution with StopExecution. Step Functions cannot stop an Express one, so
   * this leaves it to the store, where the execution is already {@code cancelled}: its next step
   * fails with {@link dev.stepline.runtime.ExecutionCancelledException} and the run ends there. A
   * step running at that moment still finishes.
   */
  @Override
  public void stop(String executionId, String reason) {
    ExecutionRecord execution =
        runner
            .store()
            .findExecution(executionId)
            .orElseThrow(() -> new ExecutionNotFoundException(executionId));
    if (workflowType(execution) == WorkflowType.EXPRESS) {
      return;
    }
    String machineArn = mainMachineArn(textHash(execution.taskText()));
    try {
      stepFunctions.stopExecution(
          request ->
              request
                  .executionArn(
                      machineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + executionId)
                  .cause(reason == null ? "cancelled through the API" : reason));
    } catch (ExecutionDoesNotExistException e) {
      // A run that Step Functions never started has nothing to stop.
    } catch (SfnException e) {
      throw new IllegalStateException("Failed to stop execution " + executionId, e);
    }
  }

  @Override
  public void resume(String executionId, PendingWait wait, String answerJson) {
    String token = runner.resume(executionId, wait.scope(), wait.path(), answerJson);
    try {
      stepFunctions.sendTaskSuccess(request -> request.taskToken(token).output("{}"));
    } catch (SfnException e) {
      throw new IllegalStateException(
          "Failed to resume execution " + executionId + " at step " + wait.path(), e);
    }
  }

  // The type the machines were created with: the compiler's choice for this task text.
  private WorkflowType workflowType(ExecutionRecord execution) {
    Task task = new TextTaskResolver(1).resolve(execution);
    return AslCompiler.compile(task, CompileOptions.DEFAULTS).type();
  }

  /** Returns the deployed machine of a bundled task text, else the machine it registered. */
  private String mainMachineArn(String textHash) {
    return bundledMachines.getOrDefault(textHash, settings.machineArn(textHash, 0));
  }

  /** Returns the first 128 bits of the SHA-256 of the task text, in hex. */
  static String textHash(String taskText) {
    return BundledTasks.sha256Hex(taskText, 16);
  }

  /** Returns the value of every substitution a machine of the task may use. */
  private Map<String, String> substitutions(String textHash, List<StateMachine> machines) {
    Map<String, String> values = new HashMap<>(settings.handlerArns());
    for (int i = 1; i < machines.size(); i++) {
      values.put(machines.get(i).arnSubstitution(), settings.machineArn(textHash, i));
    }
    return values;
  }

  private static String substitute(String definition, Map<String, String> values) {
    Matcher matcher = SUBSTITUTION.matcher(definition);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException(
            "no value for the substitution ${"
                + matcher.group(1)
                + "}; set the handler ARNs the template passes to the API function");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /**
   * Updates the machine when it exists, else creates it. Describing first, rather than relying on
   * {@code StateMachineAlreadyExists}, also updates on servers (moto 5) whose create returns an
   * existing machine unchanged.
   */
  private void createOrUpdate(
      String textHash, int index, StateMachineType type, String definition) {
    String arn = settings.machineArn(textHash, index);
    if (exists(arn)) {
      update(arn, definition);
      return;
    }
    String name = settings.machineName(textHash, index);
    try {
      stepFunctions.createStateMachine(
          request ->
              request
                  .name(name)
                  .type(type)
                  .definition(definition)
                  .roleArn(settings.roleArn())
                  .loggingConfiguration(logging())
                  .tracingConfiguration(tracing -> tracing.enabled(true)));
    } catch (StateMachineAlreadyExistsException e) {
      // Another request created it after the check; this version's definition goes over it.
      update(arn, definition);
    } catch (SfnException e) {
      throw new IllegalStateException("Failed to create state machine " + name, e);
    }
  }

  private boolean exists(String machineArn) {
    try {
      stepFunctions.describeStateMachine(request -> request.stateMachineArn(machineArn));
      return true;
    } catch (StateMachineDoesNotExistException e) {
      return false;
    } catch (SfnException e) {
      throw new IllegalStateException("Failed to read state machine " + machineArn, e);
    }
  }

  private void update(String machineArn, String definition) {
    try {
      stepFunctions.updateStateMachine(
          request ->
              request
                  .stateMachineArn(machineArn)
                  .definition(definition)
                  .roleArn(settings.roleArn())
                  .loggingConfiguration(logging()));
    } catch (SfnException e) {
      throw new IllegalStateException("Failed to update state machine " + machineArn, e);
    }
  }

  private LoggingConfiguration logging() {
    if (settings.logGroupArn() == null) {
      return LoggingConfiguration.builder().level(LogLevel.OFF).build();
    }
    return LoggingConfiguration.builder()
        .level(LogLevel.ERROR)
        .includeExecutionData(false)
        .destinations(
            destination ->
                destination.cloudWatchLogsLogGroup(
                    group -> group.logGroupArn(settings.logGroupArn())))
        .build();
  }
}
