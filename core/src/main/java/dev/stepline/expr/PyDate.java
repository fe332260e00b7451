package dev.stepline.expr;

import java.time.LocalDate;

/** A Python {@code datetime.date}. */
public record PyDate(LocalDate date) implements Comparable<PyDate> {

  @Override
  public int compareTo(PyDate other) {
    return date.compareTo(other.date);
  }

  /** Returns Python's {@code str()}, the ISO date. */
  @Override
  public String toString() {
    return date.toString();
  }

  public String repr() {
    return "datetime.date("
        + date.getYear()
        + ", "
        + date.getMonthValue()
        + ", "
        + date.getDayOfMonth()
        + ")";
  }
}
