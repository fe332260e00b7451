package dev.stepline.expr;

import java.math.BigInteger;

/** A Python {@code datetime.timedelta}, normalized as Python does: 0 <= seconds < 86400. */
public final class PyTimeDelta implements Comparable<PyTimeDelta> {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final long days;
  private final long seconds;
  private final long micros;

  private PyTimeDelta(long days, long seconds, long micros) {
    this.days = days;
    this.seconds = seconds;
    this.micros = micros;
  }

  /** Builds a timedelta of {@code totalMicros} microseconds. */
  public static PyTimeDelta ofMicros(long totalMicros) {
    long days = Math.floorDiv(totalMicros, MICROS_PER_DAY);
    long rest = Math.floorMod(totalMicros, MICROS_PER_DAY);
    if (Math.abs(days) > 999_999_999) {
      throw new ExpressionException(
          "OverflowError", "days=" + days + "; must have magnitude <= 999999999");
    }
    return new PyTimeDelta(days, rest / 1_000_000, rest % 1_000_000);
  }

  public long days() {
    return days;
  }

  public long seconds() {
    return seconds;
  }

  public long microseconds() {
    return micros;
  }

  public long totalMicros() {
    return days * MICROS_PER_DAY + seconds * 1_000_000 + micros;
  }

  /** Returns {@code total_seconds()} as Python computes it. */
  public double totalSeconds() {
    return BigInteger.valueOf(totalMicros()).doubleValue() / 1e6;
  }

  @Override
  public int compareTo(PyTimeDelta other) {
    return Long.compare(totalMicros(), other.totalMicros());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PyTimeDelta && ((PyTimeDelta) other).totalMicros() == totalMicros();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(totalMicros());
  }

  /** Returns Python's {@code str()}: {@code 1 day, 2:03:04.500000}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (days != 0) {
      out.append(days).append(Math.abs(days) == 1 ? " day, " : " days, ");
    }
    out.append(seconds / 3600)
        .append(':')
        .append(String.format("%02d:%02d", seconds / 60 % 60, seconds % 60));
    if (micros != 0) {
      out.append(String.format(".%06d", micros));
    }
    return out.toString();
  }

  /** Returns Python's {@code repr()}: {@code datetime.timedelta(days=1, seconds=5)}. */
  public String repr() {
    StringBuilder args = new StringBuilder();
    if (days != 0) {
      args.append("days=").append(days);
    }
    if (seconds != 0) {
      args.append(args.length() > 0 ? ", " : "").append("seconds=").append(seconds);
    }
    if (micros != 0) {
      args.append(args.length() > 0 ? ", " : "").append("microseconds=").append(micros);
    }
    return "datetime.timedelta(" + (args.length() == 0 ? "0" : args) + ")";
  }
}
