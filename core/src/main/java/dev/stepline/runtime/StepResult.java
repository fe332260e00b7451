package dev.stepline.runtime;

import java.util.List;

/**
 * The small result a step handler returns to the state machine.
 *
 * @param branch for {@code condition}: index of the branch to take, {@code -1} for none; else
 *     {@code null}
 * @param items for {@code items}: the indices to iterate over, never the items; else {@code null}
 * @param scope where a step opens a scope, its id; else {@code null}
 */
public record StepResult(Integer branch, List<Integer> items, String scope) {
  public static final StepResult EMPTY = new StepResult(null, null, null);
}
