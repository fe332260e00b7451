package dev.stepline.compile;

import java.util.List;

/**
 * The result of compiling a task.
 *
 * @param type the workflow type every state machine of the task is created with
 * @param typeReason why the compiler chose {@code type}, for messages
 * @param machines the main state machine first, then one per recursive subworkflow
 * @param problems errors and warnings, in the order found; with an error, the machines must not be
 *     deployed
 */
public record Compilation(
    WorkflowType type,
    String typeReason,
    List<StateMachine> machines,
    List<CompileProblem> problems,
    CompileStats stats) {

  public Compilation {
    machines = List.copyOf(machines);
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(CompileProblem::isError);
  }

  public StateMachine main() {
    return machines.get(0);
  }
}
