package dev.stepline.task;

/**
 * A place in a task file: the file name as the user gave it, and a 1-based line and column.
 *
 * <p>Every node of the task model carries one, so that every diagnostic and every runtime error can
 * point back at the YAML the user wrote.
 */
public record SourcePosition(String file, int line, int column) {

  /** Position used for nodes that were not read from a file, such as defaults. */
  public static final SourcePosition UNKNOWN = new SourcePosition("<unknown>", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
