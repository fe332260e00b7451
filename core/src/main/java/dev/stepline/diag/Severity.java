package dev.stepline.diag;

/** The severity of a diagnostic. Errors make a task invalid, and warnings do not. */
public enum Severity {
  ERROR,
  WARNING;

  /** Returns the lower-case word printed in diagnostics ({@code error}, {@code warning}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
