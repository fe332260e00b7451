package dev.stepline.compile;

import dev.stepline.task.Step;
import dev.stepline.task.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Computes the length of a {@code sleep} step, which must be written as literal numbers. */
final class SleepDuration {
  /** Maximum sleep, in seconds, of a task compiled for Express, whose executions last 5 minutes. */
  static final long EXPRESS_MAX_SLEEP_SECONDS = 60;

  /** Maximum sleep, in seconds: one year, the maximum duration of a Standard execution. */
  static final long MAX_SLEEP_SECONDS = 365L * 24 * 3600;

  private SleepDuration() {}

  /** Returns the whole seconds of {@code step}, rounded up, or reports why it has none. */
  static long seconds(Step.Sleep step, CompileNotes notes) {
    BigDecimal total = BigDecimal.ZERO;
    total = total.add(part(step, "seconds", step.seconds(), 1, notes));
    total = total.add(part(step, "minutes", step.minutes(), 60, notes));
    total = total.add(part(step, "hours", step.hours(), 3600, notes));
    total = total.add(part(step, "days", step.days(), 86400, notes));
    long seconds = total.setScale(0, RoundingMode.CEILING).longValue();
    if (seconds > MAX_SLEEP_SECONDS) {
      notes.error(
          step.info().position(),
          step.info().path(),
          "sleep can last at most one year, the longest a Standard execution runs (found "
              + seconds
              + " s at "
              + step.info().path()
              + "); sleep for less");
      return MAX_SLEEP_SECONDS;
    }
    return seconds;
  }

  private static BigDecimal part(
      Step.Sleep step, String field, Value value, int unitSeconds, CompileNotes notes) {
    if (value == null) {
      return BigDecimal.ZERO;
    }
    if (value instanceof Value.Literal literal && literal.value() instanceof Number number) {
      BigDecimal amount = new BigDecimal(number.toString());
      if (amount.signum() >= 0) {
        return amount.multiply(BigDecimal.valueOf(unitSeconds));
      }
    }
    notes.error(
        value.position(),
        step.info().path() + "." + field,
        "sleep "
            + field
            + " must be a non-negative literal number, because a Wait state needs its length"
            + " when the state machine is built (found "
            + describe(value)
            + " at "
            + step.info().path()
            + "); write a number");
    return BigDecimal.ZERO;
  }

  private static String describe(Value value) {
    if (value instanceof Value.Literal literal) {
      return String.valueOf(literal.value());
    } else if (value instanceof Value.Expression expression) {
      return "$ " + expression.source();
    } else if (value instanceof Value.FString text) {
      return text.source();
    } else if (value instanceof Value.Jinja template) {
      return template.source();
    }
    return "a list or mapping";
  }
}
