package dev.stepline.task;

import java.util.List;

/**
 * A named list of steps: {@code main} (written {@code main:} or {@code steps:}) or a subworkflow.
 */
public record Workflow(String name, List<Step> steps, SourcePosition position) {
  public Workflow {
    steps = List.copyOf(steps);
  }
}
