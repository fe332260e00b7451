package dev.stepline.runtime;

import java.util.List;

/** The names of the actions a {@link StepRequest} can carry; see docs/architecture.md. */
public final class StepActions {
  public static final String START = "start";
  public static final String STEP = "step";
  public static final String CONDITION = "condition";
  public static final String ITEMS = "items";
  public static final String CALL = "call";
  public static final String CLOSE = "close";
  public static final String CATCH = "catch";
  public static final String FINISH = "finish";
  public static final String FAIL = "fail";
  public static final String RESUME = "resume";

  public static final List<String> ALL =
      List.of(START, STEP, CONDITION, ITEMS, CALL, CLOSE, CATCH, FINISH, FAIL, RESUME);

  private StepActions() {}
}
