package dev.stepline.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a task into Amazon States Language state machines, as docs/compilation.md describes.
 * Pure: it reads only the task it is given and returns everything it finds.
 */
public final class AslCompiler {
  /** Maximum size of a state machine definition in Step Functions, in bytes. */
  public static final int MAX_DEFINITION_BYTES = 1024 * 1024;

  /**
   * Length assumed for the ARN that replaces each DefinitionSubstitution when the size is checked.
   * NOTE: an estimate; Lambda function and state machine ARNs with 64- and 80-character names stay
   * below it.
   */
  static final int SUBSTITUTED_ARN_LENGTH = 140;

  private AslCompiler() {}

  /** Compiles {@code task}; check {@link Compilation#hasErrors()} before using the machines. */
  public static Compilation compile(Task task, CompileOptions options) {
    CompileNotes notes = new CompileNotes();
    CallGraph calls = new CallGraph(task);
    Map<String, String> substitutions = machineSubstitutions(calls);

    Map<String, ObjectNode> definitions = new LinkedHashMap<>();
    definitions.put("main", new MachineCompiler(task, calls, substitutions, notes).compileMain());
    substitutions.forEach(
        (workflow, substitution) -> {
          MachineCompiler compiler = new MachineCompiler(task, calls, substitutions, notes);
          definitions.put(workflow, compiler.compileNested(task.workflows().get(workflow)));
        });

    WorkflowType type = chooseType(task, options, notes);
    List<StateMachine> machines = new ArrayList<>();
    definitions.forEach(
        (workflow, definition) -> {
          UnreachableStates.remove(definition);
          nameType(definition, type);
          machines.add(new StateMachine(workflow, substitutions.get(workflow), definition));
        });
    warnAboutLoops(type, notes);
    for (StateMachine machine : machines) {
      checkSize(task, machine, notes);
    }
    CompileStats stats = stats(task, calls, machines);
    return new Compilation(type, typeReason(type, options, notes), machines, notes.problems, stats);
  }

  /**
   * Ends the definition's {@code Comment} with the workflow type, so a tool that deploys the file
   * (the SAM template's generator) creates the state machine with the type the compiler chose.
   */
  private static void nameType(ObjectNode definition, WorkflowType type) {
    definition.put(
        "Comment", definition.path("Comment").asText() + "; " + StateMachine.TYPE_LABEL + type);
  }

  /**
   * Names the DefinitionSubstitution of each recursive workflow's state machine, such as {@code
   * WorkflowRunBrowserStateMachineArn} for {@code run_browser}.
   */
  private static Map<String, String> machineSubstitutions(CallGraph calls) {
    Map<String, String> substitutions = new LinkedHashMap<>();
    Set<String> used = new java.util.HashSet<>();
    for (String workflow : calls.reachableFromMain()) {
      if (workflow.equals("main") || !calls.isRecursive(workflow)) {
        continue;
      }
      String base = "Workflow" + camelCase(workflow);
      String name = base + "StateMachineArn";
      for (int n = 2; !used.add(name); n++) {
        name = base + n + "StateMachineArn";
      }
      substitutions.put(workflow, name);
    }
    return substitutions;
  }

  private static String camelCase(String name) {
    StringBuilder text = new StringBuilder();
    boolean upper = true;
    for (char c : name.toCharArray()) {
      if (c < 128 && Character.isLetterOrDigit(c)) {
        text.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return text.toString();
  }

  private static WorkflowType chooseType(Task task, CompileOptions options, CompileNotes notes) {
    List<CompileNotes.StandardReason> reasons = distinct(notes.standardReasons);
    if (options.type() != WorkflowType.EXPRESS) {
      return reasons.isEmpty() && options.type() == null
          ? WorkflowType.EXPRESS
          : WorkflowType.STANDARD;
    }
    for (CompileNotes.StandardReason reason : reasons) {
      notes.error(
          reason.step().info().position(),
          reason.step().info().path(),
          "an Express workflow cannot run this step: "
              + reason
              + " (found --type express); compile with --type standard");
    }
    return WorkflowType.EXPRESS;
  }

  private static String typeReason(WorkflowType type, CompileOptions options, CompileNotes notes) {
    if (options.type() != null) {
      return "set by --type";
    }
    List<CompileNotes.StandardReason> reasons = distinct(notes.standardReasons);
    if (type == WorkflowType.EXPRESS) {
      return "no step pauses, sleeps over "
          + SleepDuration.EXPRESS_MAX_SLEEP_SECONDS
          + " s or starts a nested execution";
    }
    String first = reasons.get(0).toString();
    return reasons.size() == 1 ? first : first + ", and " + (reasons.size() - 1) + " more";
  }

  private static void warnAboutLoops(WorkflowType type, CompileNotes notes) {
    Set<Step> warned = Collections.newSetFromMap(new IdentityHashMap<>());
    for (CompileNotes.Loop loop : notes.loops) {
      if (warned.add(loop.step())) {
        notes.problems.add(LoopWarning.of(type, loop));
      }
    }
  }

  private static void checkSize(Task task, StateMachine machine, CompileNotes notes) {
    String json = machine.json();
    long bytes = json.getBytes(StandardCharsets.UTF_8).length + substitutionGrowth(json);
    if (bytes > MAX_DEFINITION_BYTES) {
      notes.error(
          task.position(),
          "",
          String.format(
              Locale.ROOT,
              "a state machine definition can be at most %,d bytes (found %,d bytes for workflow"
                  + " %s, counting %d-character ARNs in place of the substitutions); split the"
                  + " task into smaller tasks, or call large subworkflows from fewer steps, since"
                  + " each call copies the subworkflow's states",
              MAX_DEFINITION_BYTES,
              bytes,
              machine.workflow(),
              SUBSTITUTED_ARN_LENGTH));
    }
  }

  private static long substitutionGrowth(String json) {
    long growth = 0;
    int at = json.indexOf("${");
    while (at >= 0) {
      int end = json.indexOf('}', at);
      growth += SUBSTITUTED_ARN_LENGTH - (end - at + 1);
      at = json.indexOf("${", end);
    }
    return growth;
  }

  private static CompileStats stats(Task task, CallGraph calls, List<StateMachine> machines) {
    Map<String, Integer> states = new LinkedHashMap<>();
    for (StateMachine machine : machines) {
      states.put(machine.workflow(), countStates(machine.definition().path("States")));
    }
    return new CompileStats(states, new CostModel(task, calls).costs());
  }

  private static int countStates(JsonNode states) {
    int count = 0;
    for (JsonNode state : states) {
      count++;
      count += countStates(state.path("ItemProcessor").path("States"));
      for (JsonNode branch : state.path("Branches")) {
        count += countStates(branch.path("States"));
      }
    }
    return count;
  }

  private static <T> List<T> distinct(List<T> items) {
    return new ArrayList<>(new java.util.LinkedHashSet<>(items));
  }
}
