package dev.stepline.validate;

import java.util.List;

/** The value checkers {@code stepline validate} runs. */
public final class ValueCheckers {

  private ValueCheckers() {}

  /** Returns the checkers every validation runs, in order. */
  public static List<ValueChecker> defaults() {
    return List.of(
        new DollarLint(), new SecretNameLint(), new ExpressionChecker(), new TemplateChecker());
  }
}
