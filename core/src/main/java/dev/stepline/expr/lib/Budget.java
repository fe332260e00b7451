package dev.stepline.expr.lib;

import java.util.function.LongConsumer;

/**
 * The step counter of the evaluation running on this thread, so that builtins charge for the items
 * they iterate and the text they scan. Without it, a comprehension of 10,000 calls that each sum a
 * million numbers would run for minutes within the step budget.
 */
public final class Budget {
  private static final LongConsumer UNLIMITED = steps -> {};
  private static final ThreadLocal<LongConsumer> CURRENT = ThreadLocal.withInitial(() -> UNLIMITED);

  private Budget() {}

  /** Makes {@code counter} the current one and returns the one it replaces. */
  public static LongConsumer enter(LongConsumer counter) {
    LongConsumer previous = CURRENT.get();
    CURRENT.set(counter);
    return previous;
  }

  /** Restores the counter that {@link #enter} replaced. */
  public static void exit(LongConsumer previous) {
    CURRENT.set(previous);
  }

  /** Charges {@code steps} to the current evaluation. */
  static void charge(long steps) {
    if (steps > 0) {
      CURRENT.get().accept(steps);
    }
  }

  /** Charges for scanning {@code length} characters: one step per 64. */
  static void chargeText(long length) {
    charge(length / 64);
  }
}
