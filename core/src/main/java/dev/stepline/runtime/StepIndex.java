package dev.stepline.runtime;

import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.Workflow;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every step of a task by path, with the block that contains it. */
public final class StepIndex {

  /** Where a child step sits inside its parent block step. */
  public enum Role {
    TOP,
    THEN,
    ELSE,
    CASE,
    DO,
    MAP,
    BRANCH,
    TRY,
    CATCH
  }

  /**
   * One step with its context.
   *
   * @param step the step
   * @param workflow the name of the workflow that contains it
   * @param parent the block step that contains it, or {@code null} for a top-level step
   * @param role where it sits inside {@code parent}
   */
  public record Located(Step step, String workflow, Located parent, Role role) {
    public String path() {
      return step.info().path();
    }
  }

  private final Map<String, Located> byPath = new HashMap<>();
  private final Set<String> outputNames = new LinkedHashSet<>();

  public StepIndex(Task task) {
    for (Workflow workflow : task.workflows().values()) {
      addAll(workflow.steps(), workflow.name(), null, Role.TOP);
    }
  }

  /** Returns the step at {@code path}. */
  public Optional<Located> find(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /**
   * Returns the step at {@code path}.
   *
   * @throws StepError when the task has no step with that path
   */
  public Located get(String path) {
    Located located = byPath.get(path);
    if (located == null) {
      throw new StepError(
          "LookupError",
          "no step with path '"
              + path
              + "' in this task; the state machine and the task file are out of step, so compile"
              + " and deploy again");
    }
    return located;
  }

  /** Returns every {@code output} name the task declares, in file order. */
  public Set<String> outputNames() {
    return outputNames;
  }

  /** Returns the innermost {@code try_catch} step whose {@code catch} block contains the step. */
  public Optional<Located> enclosingCatch(Located located) {
    for (Located child = located; child.parent() != null; child = child.parent()) {
      if (child.role() == Role.CATCH) {
        return Optional.of(child.parent());
      }
    }
    return Optional.empty();
  }

  private void addAll(List<Step> steps, String workflow, Located parent, Role role) {
    for (Step step : steps) {
      add(step, workflow, parent, role);
    }
  }

  private void add(Step step, String workflow, Located parent, Role role) {
    Located located = new Located(step, workflow, parent, role);
    byPath.put(step.info().path(), located);
    if (step.info().output() != null) {
      outputNames.add(step.info().output());
    }
    if (step instanceof Step.IfElse ifElse) {
      addAll(ifElse.then(), workflow, located, Role.THEN);
      addAll(ifElse.otherwise(), workflow, located, Role.ELSE);
    } else if (step instanceof Step.Switch switchStep) {
      for (Step.Case branch : switchStep.cases()) {
        addAll(branch.then(), workflow, located, Role.CASE);
      }
    } else if (step instanceof Step.Foreach foreach) {
      addAll(foreach.body(), workflow, located, Role.DO);
    } else if (step instanceof Step.MapReduce map) {
      addAll(map.map(), workflow, located, Role.MAP);
    } else if (step instanceof Step.Parallel parallel) {
      for (List<Step> branch : parallel.branches()) {
        addAll(branch, workflow, located, Role.BRANCH);
      }
    } else if (step instanceof Step.TryCatch tryCatch) {
      addAll(tryCatch.trySteps(), workflow, located, Role.TRY);
      addAll(tryCatch.catchSteps(), workflow, located, Role.CATCH);
    }
  }
}
