package dev.stepline.compile;

import dev.stepline.diag.Diagnostic;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Step;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings collected while compiling: problems, the steps that need a Standard workflow, and the
 * loops whose size is known only at run time.
 */
final class CompileNotes {
  final List<Diagnostic> problems = new ArrayList<>();
  final List<StandardReason> standardReasons = new ArrayList<>();
  final List<Loop> loops = new ArrayList<>();

  /** A step that an Express workflow cannot run, and why. */
  record StandardReason(Step step, String reason) {
    @Override
    public String toString() {
      return step.info().path() + " " + reason;
    }
  }

  /** A loop over a list of unknown length, with the history events of one iteration. */
  record Loop(Step step, int eventsPerIteration) {}

  void error(SourcePosition position, String path, String message) {
    problems.add(Diagnostic.error(position, path, message));
  }

  void warning(SourcePosition position, String path, String message) {
    problems.add(Diagnostic.warning(position, path, message));
  }

  void needsStandard(Step step, String reason) {
    standardReasons.add(new StandardReason(step, reason));
  }

  /** Notes a loop, unless it iterates over a literal list whose length the task fixes. */
  void loop(Step step, int eventsPerIteration) {
    Value items =
        step instanceof Step.Foreach foreach ? foreach.in() : ((Step.MapReduce) step).over();
    if (!(items instanceof Value.ListOf)) {
      loops.add(new Loop(step, eventsPerIteration));
    }
  }
}
