package dev.stepline.api;

import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.task.Task;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link ExecutionStarter} that runs nothing and records what the API requested, for tests of
 * the API's own checks. {@code LocalApiTest} covers the starter that really runs executions.
 */
final class RecordingStarter implements ExecutionStarter {
  final List<String> started = new CopyOnWriteArrayList<>();
  final List<String> stopped = new CopyOnWriteArrayList<>();
  final List<String> resumed = new CopyOnWriteArrayList<>();

  /** The failure that the next {@link #start} throws instead of recording, or {@code null}. */
  volatile RuntimeException nextStartFailure;

  @Override
  public void start(String executionId, Task task, String taskText, String inputJson) {
    RuntimeException failure = nextStartFailure;
    if (failure != null) {
      nextStartFailure = null;
      throw failure;
    }
    started.add(executionId);
  }

  @Override
  public void stop(String executionId, String reason) {
    stopped.add(executionId + " " + reason);
  }

  @Override
  public void resume(String executionId, PendingWait wait, String answerJson) {
    resumed.add(executionId + " " + wait.path() + " " + answerJson);
  }
}
