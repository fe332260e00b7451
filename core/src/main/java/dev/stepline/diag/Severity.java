package dev.stepline.diag;

/** How serious a diagnostic is: errors make a task invalid, warnings do not. */
public enum Severity {
  ERROR,
  WARNING;

  /** Returns the lower-case word printed in diagnostics ({@code error}, {@code warning}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
