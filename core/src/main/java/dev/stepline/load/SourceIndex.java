package dev.stepline.load;

import dev.stepline.task.SourcePosition;
import java.util.HashMap;
import java.util.Map;

/**
 * Positions of step fields by YAML path, such as {@code main[2].tool}, filled while a task loads.
 *
 * <p>The model keeps one position per step (its start). Checks across the task use this index to
 * point at the field they are about instead.
 */
public final class SourceIndex {

  private final Map<String, SourcePosition> positions = new HashMap<>();

  void put(String path, SourcePosition position) {
    positions.put(path, position);
  }

  /** Returns the position of the value at {@code path}, or {@code fallback} when not recorded. */
  public SourcePosition positionOf(String path, SourcePosition fallback) {
    return positions.getOrDefault(path, fallback);
  }
}
