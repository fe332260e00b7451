package dev.stepline.validate;

/** Builds messages for errors the expression and template engines report. */
final class Problems {

  private Problems() {}

  /**
   * Returns {@code rule (found TEXT); FIX}. An engine message that already says what to do after a
   * {@code "; "} keeps its own advice, and one that already echoes a {@code (found ...)} part is
   * not echoed again.
   */
  static String describe(String engineMessage, String text, String defaultFix) {
    String rule = engineMessage;
    String fix = defaultFix;
    int advice = engineMessage.indexOf("; ");
    if (advice >= 0) {
      rule = engineMessage.substring(0, advice);
      fix = engineMessage.substring(advice + 2);
    }
    String found = rule.contains("(found ") ? "" : " (found `" + Echo.of(text) + "`)";
    return rule + found + "; " + fix;
  }
}
