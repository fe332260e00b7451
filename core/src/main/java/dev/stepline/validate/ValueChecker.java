package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.task.Value;

/**
 * A check that runs on every value of a task: each step field and tool setting, and every item and
 * entry inside lists and mappings.
 *
 * <p>This is where syntax checks of expressions ({@link Value.Expression}, {@link Value.FString})
 * and templates ({@link Value.Jinja}) plug into {@code stepline validate}: implement this interface
 * and add the checker to {@link ValueCheckers#defaults()}. A checker reports at {@code
 * value.position()} (adding {@link Value.Expression#offset()} and the column inside the source
 * where that is more precise) and never throws for a bad value.
 */
@FunctionalInterface
public interface ValueChecker {

  /**
   * Checks one value.
   *
   * @param value the value; containers are passed as well as each of their items
   * @param site where the value sits, for the diagnostic's path
   * @param diagnostics where to report problems
   */
  void check(Value value, ValueSite site, Diagnostics diagnostics);
}
