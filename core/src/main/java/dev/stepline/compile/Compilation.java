package dev.stepline.compile;

import dev.stepline.diag.Diagnostic;
import java.util.List;

/**
 * The result of compiling a task.
 *
 * @param type the workflow type every state machine of the task is created with
 * @param typeReason why the compiler chose {@code type}, for messages
 * @param machines the main state machine first, then one per recursive subworkflow
 * @param problems errors and warnings, by position; with an error, the machines must not be
 *     deployed
 */
public record Compilation(
    WorkflowType type,
    String typeReason,
    List<StateMachine> machines,
    List<Diagnostic> problems,
    CompileStats stats) {

  public Compilation {
    machines = List.copyOf(machines);
    problems = problems.stream().sorted(Diagnostic.BY_POSITION).toList();
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Diagnostic::isError);
  }

  public StateMachine main() {
    return machines.get(0);
  }
}
