package dev.stepline.compile;

import java.nio.file.Path;

/**
 * Names the files that hold compiled state machines: {@code NAME.asl.json} for the main workflow
 * and {@code NAME.WORKFLOW.asl.json} for each recursive subworkflow.
 */
public final class CompiledFiles {
  private CompiledFiles() {}

  /**
   * Returns {@code NAME} for a task file: its name without {@code .yaml}, {@code .yml} or {@code
   * .json}, or the name of its folder when the file is called {@code task.yaml}.
   */
  public static String taskName(Path taskFile) {
    Path absolute = taskFile.toAbsolutePath().normalize();
    String stem = absolute.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    Path folder = absolute.getParent() == null ? null : absolute.getParent().getFileName();
    if (stem.equals("task") && folder != null) {
      return folder.toString();
    }
    return stem;
  }

  /** Returns the file name of {@code machine} for the task called {@code taskName}. */
  public static String fileName(String taskName, StateMachine machine) {
    return machine.isMain()
        ? taskName + ".asl.json"
        : taskName + "." + machine.workflow() + ".asl.json";
  }
}
