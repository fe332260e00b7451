package dev.stepline.local;

import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import java.time.Duration;

/** Receives one event per step handler call of a local run, for progress lines. */
@FunctionalInterface
public interface StepProgress {

  /**
   * Called after a handler call ends.
   *
   * @param request what the state machine asked
   * @param elapsed how long the call took
   * @param result the result, or {@code null} when it failed
   * @param failure the failure, or {@code null} when it succeeded
   */
  void stepEnded(
      StepRequest request, Duration elapsed, StepResult result, StepFailedException failure);

  StepProgress NONE = (request, elapsed, result, failure) -> {};
}
