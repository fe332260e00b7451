package dev.stepline.compile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.Value;
import dev.stepline.task.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Compiles one workflow into the states of one state machine: the main workflow with its start,
 * finish and failure states, or a recursive subworkflow that its callers start as a nested
 * execution. Non-recursive subworkflow calls are compiled inline, once per call site.
 *
 * <p>Steps are compiled from the last to the first, so that each step can name the state that
 * follows it; the states are then listed in file order.
 */
final class MachineCompiler {
  static final String START = "start";
  static final String FINISH = "finish";
  static final String FAIL = "fail";
  static final String FAILED = "failed";

  /** Python-style type of the failure an {@code error} step raises. */
  static final String ERROR_STEP_TYPE = "StepError";

  /**
   * Maximum nesting of Map and Parallel states. NOTE: this is Stepline's limit, not a documented
   * Step Functions quota; it keeps scope ids and execution histories readable.
   */
  static final int MAX_NESTING = 16;

  private final Task task;
  private final CallGraph calls;
  private final Map<String, String> machineSubstitutions;
  private final CompileNotes notes;
  private final StateNames names = new StateNames();

  MachineCompiler(
      Task task, CallGraph calls, Map<String, String> machineSubstitutions, CompileNotes notes) {
    this.task = task;
    this.calls = calls;
    this.machineSubstitutions = machineSubstitutions;
    this.notes = notes;
  }

  /** Compiles the main workflow, between the {@code start} and {@code finish} actions. */
  ObjectNode compileMain() {
    for (String name : List.of(START, FINISH, FAIL, FAILED)) {
      names.reserve(name);
    }
    Frame frame = Frame.main(new Body("main"));
    Fragment steps = compileSteps(task.main().steps(), frame, FINISH);

    ObjectNode start = Asl.lambdaTask(Asl.EXECUTION_FUNCTION, executionRequest(START), null);
    Asl.catchAll(start, FAIL);
    Asl.link(start, steps.entry());

    ObjectNode finish = Asl.lambdaTask(Asl.EXECUTION_FUNCTION, executionRequest(FINISH), null);
    Asl.catchAll(finish, FAIL);
    Asl.link(finish, null);

    ObjectNode failRequest = executionRequest(FAIL);
    failRequest.put("error.$", "$.error");
    ObjectNode fail = Asl.lambdaTask(Asl.EXECUTION_FUNCTION, failRequest, null);
    Asl.link(fail, FAILED);

    ObjectNode failed = AslJson.object();
    failed.put("Type", "Fail");
    failed.put("ErrorPath", "$.error.Error");
    failed.put("CausePath", "$.error.Cause");

    ObjectNode states = AslJson.object();
    states.set(START, start);
    steps.addTo(states);
    states.set(FINISH, finish);
    states.set(FAIL, fail);
    states.set(FAILED, failed);
    return definition("main workflow", START, states);
  }

  /** Compiles a recursive subworkflow; it ends when its last step or a {@code return} ends. */
  ObjectNode compileNested(Workflow workflow) {
    Body body = new Body(workflow.name());
    Frame frame = Frame.nested(workflow.name(), body);
    Fragment steps = compileSteps(workflow.steps(), frame, null);
    String startAt = steps.entry() == null ? body.done(names) : steps.entry();

    ObjectNode states = AslJson.object();
    steps.addTo(states);
    body.addDoneState(states);
    return definition(
        "subworkflow " + workflow.name() + ", run as a nested execution", startAt, states);
  }

  private ObjectNode definition(String description, String startAt, ObjectNode states) {
    ObjectNode definition = AslJson.object();
    String taskName = task.name() == null ? "task" : task.name();
    definition.put("Comment", taskName + ": " + description + ", compiled by Stepline");
    definition.put("StartAt", startAt);
    definition.set("States", states);
    return definition;
  }

  private ObjectNode executionRequest(String action) {
    return Asl.request(action, "main", "main", "");
  }

  private Fragment compileSteps(List<Step> steps, Frame frame, String next) {
    warnAboutStepsAfterEnd(steps);
    List<Fragment> parts = new ArrayList<>();
    String entry = next;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Fragment part = compileStep(steps.get(i), frame, entry);
      parts.add(part);
      entry = part.entry();
    }
    Collections.reverse(parts);
    return Fragment.join(entry, parts);
  }

  /**
   * Warns about the first step after a {@code return} or a literal {@code error} in the same list,
   * which never runs; its states are removed later, because Step Functions rejects unreachable
   * states.
   */
  private void warnAboutStepsAfterEnd(List<Step> steps) {
    for (int i = 0; i + 1 < steps.size(); i++) {
      Step step = steps.get(i);
      boolean ends =
          step instanceof Step.Return
              || step instanceof Step.Error error && error.message() instanceof Value.Literal;
      if (ends) {
        Step unreached = steps.get(i + 1);
        notes.warning(
            unreached.info().position(),
            unreached.info().path(),
            "steps after "
                + step.kindName()
                + " at "
                + step.info().path()
                + " never run (found "
                + unreached.kindName()
                + " at "
                + unreached.info().path()
                + "); remove them, or move them before the "
                + step.kindName());
        return;
      }
    }
  }

  private Fragment compileStep(Step step, Frame frame, String next) {
    if (step instanceof Step.IfElse ifElse) {
      return compileIf(ifElse, frame, next);
    } else if (step instanceof Step.Switch switchStep) {
      return compileSwitch(switchStep, frame, next);
    } else if (step instanceof Step.Foreach foreach) {
      return compileLoop(step, foreach.body(), 1, frame, next);
    } else if (step instanceof Step.MapReduce map) {
      return compileLoop(step, map.map(), map.parallelism(), frame, next);
    } else if (step instanceof Step.Parallel parallel) {
      return compileParallel(parallel, frame, next);
    } else if (step instanceof Step.Workflow call) {
      return compileCall(call, frame, next);
    } else if (step instanceof Step.TryCatch tryCatch) {
      return compileTryCatch(tryCatch, frame, next);
    } else if (step instanceof Step.Sleep sleep) {
      return compileSleep(sleep, frame, next);
    } else if (step instanceof Step.Error error && error.message() instanceof Value.Literal text) {
      return compileLiteralError(error, String.valueOf(text.value()), frame);
    } else if (step instanceof Step.Return) {
      return compileReturn(step, frame);
    } else if (step instanceof Step.WaitForInput || isFunctionToolCall(step)) {
      return compileWait(step, frame, next);
    }
    return compileAction(step, handlerOf(step), frame, next);
  }

  private Fragment compileAction(Step step, String function, Frame frame, String next) {
    String name = names.reserve(StateNames.base(frame.prefix(), step));
    ObjectNode state = Asl.lambdaTask(function, stepRequest("step", step, frame), null);
    frame.catchTo(state);
    Asl.link(state, next);
    return Fragment.of(name, state);
  }

  private Fragment compileWait(Step step, Frame frame, String next) {
    String name = names.reserve(StateNames.base(frame.prefix(), step));
    ObjectNode state = Asl.waitForTaskToken(stepRequest("step", step, frame));
    frame.catchTo(state);
    Asl.link(state, next);
    notes.needsStandard(step, "pauses with a task token, which Express workflows cannot do");
    return Fragment.of(name, state);
  }

  private Fragment compileReturn(Step step, Frame frame) {
    if (frame.returnForbiddenBy() != null) {
      notes.error(
          step.info().position(),
          step.info().path(),
          "return cannot end the workflow from inside the body of "
              + frame.returnForbiddenBy()
              + " (found return at "
              + step.info().path()
              + "); move the return after that step, or compute the value with evaluate");
    }
    return compileAction(step, Asl.EVALUATE_FUNCTION, frame, frame.returnTarget());
  }

  private Fragment compileIf(Step.IfElse step, Frame frame, String next) {
    String base = StateNames.base(frame.prefix(), step);
    String conditionName = names.reserve(base);
    String choiceName = names.reserve(base + " (choice)");
    Fragment then = compileSteps(step.then(), frame, next);
    Fragment otherwise = compileSteps(step.otherwise(), frame, next);

    ObjectNode choice = choiceState();
    ArrayNode rules = choice.withArray("Choices");
    rules.add(branchRule(0, frame.target(then.entry(), names)));
    choice.put("Default", frame.target(otherwise.entry(), names));

    Fragment result = conditionFragment(step, frame, conditionName, choiceName, choice);
    return result.append(then).append(otherwise);
  }

  private Fragment compileSwitch(Step.Switch step, Frame frame, String next) {
    String base = StateNames.base(frame.prefix(), step);
    String conditionName = names.reserve(base);
    String choiceName = names.reserve(base + " (choice)");
    if (step.cases().isEmpty()) {
      notes.error(
          step.info().position(),
          step.info().path(),
          "switch needs at least one case (found none at "
              + step.info().path()
              + "); add a case, or remove the switch");
    }

    ObjectNode choice = choiceState();
    ArrayNode rules = choice.withArray("Choices");
    List<Fragment> cases = new ArrayList<>();
    for (int i = 0; i < step.cases().size(); i++) {
      Fragment caseSteps = compileSteps(step.cases().get(i).then(), frame, next);
      rules.add(branchRule(i, frame.target(caseSteps.entry(), names)));
      cases.add(caseSteps);
    }
    choice.put("Default", frame.target(next, names));

    Fragment result = conditionFragment(step, frame, conditionName, choiceName, choice);
    for (Fragment caseSteps : cases) {
      result = result.append(caseSteps);
    }
    return result;
  }

  private Fragment conditionFragment(
      Step step, Frame frame, String conditionName, String choiceName, ObjectNode choice) {
    ObjectNode condition =
        Asl.lambdaTask(Asl.CONTROL_FUNCTION, stepRequest("condition", step, frame), "$.result");
    frame.catchTo(condition);
    Asl.link(condition, choiceName);
    return Fragment.of(conditionName, condition).append(Fragment.of(choiceName, choice));
  }

  private static ObjectNode choiceState() {
    ObjectNode choice = AslJson.object();
    choice.put("Type", "Choice");
    choice.putArray("Choices");
    return choice;
  }

  private static ObjectNode branchRule(int branch, String next) {
    ObjectNode rule = AslJson.object();
    rule.put("Variable", "$.result.branch");
    rule.put("NumericEquals", branch);
    rule.put("Next", next);
    return rule;
  }

  private Fragment compileLoop(
      Step step, List<Step> body, int maxConcurrency, Frame frame, String next) {
    String base = StateNames.base(frame.prefix(), step);
    String itemsName = names.reserve(base);
    String mapName = names.reserve(base + " (map)");
    String closeName = names.reserve(base + " (close)");
    checkNesting(step, frame);

    Body iteration = new Body(base);
    Frame inner = frame.loopBody(step, iteration);
    Fragment steps = compileSteps(body, inner, null);
    String startAt = steps.entry() == null ? iteration.done(names) : steps.entry();
    ObjectNode iterationStates = AslJson.object();
    steps.addTo(iterationStates);
    iteration.addDoneState(iterationStates);
    shrinkIterationOutput(iterationStates);

    ObjectNode items =
        Asl.lambdaTask(Asl.CONTROL_FUNCTION, stepRequest("items", step, frame), "$.result");
    frame.catchTo(items);
    Asl.link(items, mapName);

    ObjectNode map = mapState(step, maxConcurrency, frame, startAt, iterationStates);
    frame.catchTo(map);
    Asl.link(map, closeName);

    notes.loop(step, HistoryEstimate.eventsPerIteration(iterationStates));
    return Fragment.of(itemsName, items)
        .append(Fragment.of(mapName, map))
        .append(closeFragment(step, frame, closeName, next));
  }

  private ObjectNode mapState(
      Step step, int maxConcurrency, Frame frame, String startAt, ObjectNode iterationStates) {
    ObjectNode selector = AslJson.object();
    selector.put("execution.$", "$.execution");
    selector.put("scope.$", Asl.iterationScopeExpression(frame.scopeSuffix(), step.info().path()));

    ObjectNode processorConfig = AslJson.object();
    processorConfig.put("Mode", "INLINE");
    ObjectNode processor = AslJson.object();
    processor.set("ProcessorConfig", processorConfig);
    processor.put("StartAt", startAt);
    processor.set("States", iterationStates);

    ObjectNode map = AslJson.object();
    map.put("Type", "Map");
    map.put("ItemsPath", "$.result.items");
    map.set("ItemSelector", selector);
    if (maxConcurrency > 0) {
      map.put("MaxConcurrency", maxConcurrency);
    }
    map.set("ItemProcessor", processor);
    map.putNull("ResultPath");
    return map;
  }

  /**
   * Makes every iteration end with the execution id as its output. A Map state collects the outputs
   * of all iterations, and that list must stay under the 256 KiB payload limit, so the smaller each
   * output, the more items a loop can have.
   */
  private static void shrinkIterationOutput(ObjectNode states) {
    states
        .properties()
        .forEach(
            entry -> {
              ObjectNode state = (ObjectNode) entry.getValue();
              boolean ends = state.path("End").asBoolean(false);
              if (ends || state.path("Type").asText().equals("Succeed")) {
                state.remove("End");
                state.put("OutputPath", "$.execution");
                if (ends) {
                  state.put("End", true);
                }
              }
            });
  }

  private Fragment compileParallel(Step.Parallel step, Frame frame, String next) {
    String base = StateNames.base(frame.prefix(), step);
    String parallelName = names.reserve(base);
    String closeName = names.reserve(base + " (close)");
    checkNesting(step, frame);

    ArrayNode branches = AslJson.NODES.arrayNode();
    for (int b = 0; b < step.branches().size(); b++) {
      Body branch = new Body(base + " branch " + b);
      Frame inner = frame.parallelBranch(step, b, branch);
      Fragment steps = compileSteps(step.branches().get(b), inner, null);
      String startAt = steps.entry() == null ? branch.done(names) : steps.entry();
      ObjectNode branchStates = AslJson.object();
      steps.addTo(branchStates);
      branch.addDoneState(branchStates);

      ObjectNode definition = AslJson.object();
      definition.put("StartAt", startAt);
      definition.set("States", branchStates);
      branches.add(definition);
    }

    ObjectNode parallel = AslJson.object();
    parallel.put("Type", "Parallel");
    parallel.set("Branches", branches);
    parallel.putNull("ResultPath");
    frame.catchTo(parallel);
    Asl.link(parallel, closeName);
    return Fragment.of(parallelName, parallel).append(closeFragment(step, frame, closeName, next));
  }

  private Fragment compileCall(Step.Workflow step, Frame frame, String next) {
    Workflow callee = task.workflows().get(step.workflow());
    if (callee == null || callee.name().equals("main")) {
      notes.error(
          step.info().position(),
          step.info().path(),
          "workflow calls need a subworkflow defined in the task (found workflow: "
              + step.workflow()
              + "); define it as a top-level list of steps, or fix the name");
      return Fragment.empty(next);
    }
    if (calls.isRecursive(callee.name())) {
      return compileNestedCall(step, frame, next);
    }
    return compileInlineCall(step, callee, frame, next);
  }

  private Fragment compileInlineCall(
      Step.Workflow step, Workflow callee, Frame frame, String next) {
    String base = StateNames.base(frame.prefix(), step);
    String callName = names.reserve(base);
    String closeName = names.reserve(base + " (close)");

    Frame inner = frame.inlineCall(step, callee.name(), closeName);
    Fragment body = compileSteps(callee.steps(), inner, closeName);

    ObjectNode call = Asl.lambdaTask(Asl.CONTROL_FUNCTION, stepRequest("call", step, frame), null);
    frame.catchTo(call);
    Asl.link(call, body.entry());
    return Fragment.of(callName, call)
        .append(body)
        .append(closeFragment(step, frame, closeName, next));
  }

  private Fragment compileNestedCall(Step.Workflow step, Frame frame, String next) {
    String base = StateNames.base(frame.prefix(), step);
    String callName = names.reserve(base);
    String runName = names.reserve(base + " (run)");
    String closeName = names.reserve(base + " (close)");

    ObjectNode call =
        Asl.lambdaTask(Asl.CONTROL_FUNCTION, stepRequest("call", step, frame), "$.result");
    frame.catchTo(call);
    Asl.link(call, runName);

    ObjectNode run = Asl.startExecution(machineSubstitutions.get(step.workflow()));
    frame.catchTo(run);
    Asl.link(run, closeName);

    notes.needsStandard(
        step,
        "calls the recursive workflow "
            + step.workflow()
            + " as a nested execution, which Express workflows cannot wait for");
    return Fragment.of(callName, call)
        .append(Fragment.of(runName, run))
        .append(closeFragment(step, frame, closeName, next));
  }

  private Fragment closeFragment(Step step, Frame frame, String closeName, String next) {
    ObjectNode close =
        Asl.lambdaTask(Asl.EXECUTION_FUNCTION, stepRequest("close", step, frame), null);
    frame.catchTo(close);
    Asl.link(close, next);
    return Fragment.of(closeName, close);
  }

  private Fragment compileTryCatch(Step.TryCatch step, Frame frame, String next) {
    if (step.trySteps().isEmpty()) {
      return Fragment.empty(next);
    }
    String base = StateNames.base(frame.prefix(), step);
    String catchName = names.reserve(base + " (catch)");
    Frame guarded = frame.tryBlock(catchName);
    Fragment tried = compileSteps(step.trySteps(), guarded, next);
    if (!guarded.catchUsed()) {
      return tried;
    }

    Fragment handler = compileSteps(step.catchSteps(), frame, next);
    ObjectNode request = stepRequest("catch", step, frame);
    request.put("error.$", "$.error");
    ObjectNode catchState = Asl.lambdaTask(Asl.EXECUTION_FUNCTION, request, "$.error");
    frame.catchTo(catchState);
    Asl.link(catchState, handler.entry());
    return tried.append(Fragment.of(catchName, catchState)).append(handler);
  }

  private Fragment compileSleep(Step.Sleep step, Frame frame, String next) {
    String name = names.reserve(StateNames.base(frame.prefix(), step));
    long seconds = SleepDuration.seconds(step, notes);
    if (seconds > SleepDuration.EXPRESS_MAX_SLEEP_SECONDS) {
      notes.needsStandard(
          step, "sleeps " + seconds + " s, and Express workflows run for at most 5 minutes");
    }
    ObjectNode wait = AslJson.object();
    wait.put("Type", "Wait");
    wait.put("Seconds", seconds);
    Asl.link(wait, next);
    return Fragment.of(name, wait);
  }

  /**
   * Compiles an {@code error} step with a literal message without a Lambda function: a Pass state
   * that records the error as a Catch would and goes to the enclosing catch handler (or the {@code
   * fail} action of the main workflow), or a Fail state where nothing catches.
   */
  private Fragment compileLiteralError(Step.Error step, String message, Frame frame) {
    String name = names.reserve(StateNames.base(frame.prefix(), step));
    String cause = step.info().path() + ": " + ERROR_STEP_TYPE + ": " + message;
    String handler = frame.catchTarget();
    if (handler == null) {
      ObjectNode fail = AslJson.object();
      fail.put("Type", "Fail");
      fail.put("Error", ERROR_STEP_TYPE);
      fail.put("Cause", cause);
      return Fragment.of(name, fail);
    }
    ObjectNode error = AslJson.object();
    error.put("Error", ERROR_STEP_TYPE);
    error.put("Cause", cause);
    ObjectNode pass = AslJson.object();
    pass.put("Type", "Pass");
    pass.set("Result", error);
    pass.put("ResultPath", "$.error");
    pass.put("Next", frame.useCatchTarget());
    return Fragment.of(name, pass);
  }

  private void checkNesting(Step step, Frame frame) {
    if (frame.depth() + 1 > MAX_NESTING) {
      notes.error(
          step.info().position(),
          step.info().path(),
          "loops and parallel steps can be nested at most "
              + MAX_NESTING
              + " deep (found "
              + step.kindName()
              + " at depth "
              + (frame.depth() + 1)
              + " at "
              + step.info().path()
              + "); move the inner steps into a subworkflow");
    }
  }

  private ObjectNode stepRequest(String action, Step step, Frame frame) {
    return Asl.request(action, frame.workflow(), step.info().path(), frame.scopeSuffix());
  }

  private boolean isFunctionToolCall(Step step) {
    return step instanceof Step.ToolCall call
        && task.tool(call.tool()).map(tool -> tool.type().equals("function")).orElse(false);
  }

  private static String handlerOf(Step step) {
    if (step instanceof Step.Prompt) {
      return Asl.PROMPT_FUNCTION;
    } else if (step instanceof Step.ToolCall) {
      return Asl.TOOL_FUNCTION;
    }
    return Asl.EVALUATE_FUNCTION;
  }
}
