package dev.stepline.local;

import dev.stepline.api.ExecutionStarter;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore.PendingWait;
import dev.stepline.runtime.store.Failure;
import dev.stepline.task.Task;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs executions created through the API on the embedded engine, each on its own thread, with the
 * same wiring as {@code stepline run}: {@link LocalRun} over one shared {@link StepRunner}. A
 * {@code wait_for_input} step waits until the API resumes it.
 */
public final class BackgroundRuns implements ExecutionStarter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);

  private final StepRunner runner;
  private final Map<String, LocalRun> running = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          work -> {
            Thread thread = new Thread(work, "stepline-run");
            thread.setDaemon(true);
            return thread;
          });

  public BackgroundRuns(StepRunner runner) {
    this.runner = runner;
  }

  @Override
  public void start(String executionId, Task task, String taskText, String inputJson) {
    LocalRun run = new LocalRun(task, taskText, runner, StepProgress.NONE, false);
    running.put(executionId, run);
    threads.execute(() -> runToEnd(run, executionId, inputJson));
  }

  @Override
  public void stop(String executionId, String reason) {
    LocalRun run = running.get(executionId);
    if (run != null) {
      run.stop(reason);
    }
  }

  @Override
  public void resume(String executionId, PendingWait wait, String answerJson) {
    LocalRun run = running.get(executionId);
    if (run == null) {
      throw new IllegalArgumentException("execution " + executionId + " is not running here");
    }
    try {
      run.resume(wait, answerJson);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resuming " + executionId, e);
    }
  }

  /** Returns true while the run of the execution has not ended. */
  public boolean isRunning(String executionId) {
    return running.containsKey(executionId);
  }

  private void runToEnd(LocalRun run, String executionId, String inputJson) {
    try {
      // Answers come through resume, so the run itself leaves every wait waiting.
      run.run(executionId, inputJson, (path, shownJson) -> null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failUnlessEnded(executionId, "InterruptedError", "the server stopped during the execution");
    } catch (RuntimeException e) {
      LOG.warn("Execution {} ended with an error", executionId, e);
      failUnlessEnded(
          executionId, "RuntimeError", runner.masker().mask(String.valueOf(e.getMessage())));
    } finally {
      running.remove(executionId);
    }
  }

  private void failUnlessEnded(String executionId, String type, String message) {
    ExecutionRecord record = runner.store().findExecution(executionId).orElse(null);
    if (record != null && !record.status().isFinal()) {
      runner.store().fail(executionId, new Failure("", "", type, message));
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
