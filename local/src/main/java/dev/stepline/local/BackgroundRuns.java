package dev.stepline.local;

import dev.stepline.api.ExecutionStarter;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.Failure;
import dev.stepline.task.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts executions created through the API on the embedded engine, each on its own thread, with
 * the same wiring as {@code stepline run}: {@link LocalRun} over one shared {@link StepRunner}.
 */
public final class BackgroundRuns implements ExecutionStarter, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRuns.class);

  private final StepRunner runner;
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
    threads.execute(() -> runToEnd(run, executionId, inputJson));
  }

  private void runToEnd(LocalRun run, String executionId, String inputJson) {
    try {
      run.run(executionId, inputJson, BackgroundRuns::refuseWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failUnlessEnded(executionId, "InterruptedError", "the server stopped during the execution");
    } catch (RuntimeException e) {
      LOG.warn("Execution {} ended with an error", executionId, e);
      failUnlessEnded(
          executionId, errorType(e), runner.masker().mask(String.valueOf(e.getMessage())));
    }
  }

  // NOTE: resuming a waiting execution over the API is not built yet, so a wait_for_input step
  // fails the execution instead of waiting for an answer that cannot come.
  private static String refuseWait(String path, String shownJson) {
    throw new WaitNotSupportedException(path);
  }

  private void failUnlessEnded(String executionId, String type, String message) {
    ExecutionRecord record = runner.store().findExecution(executionId).orElse(null);
    if (record != null && !record.status().isFinal()) {
      runner.store().fail(executionId, new Failure("", "", type, message));
    }
  }

  private static String errorType(RuntimeException e) {
    return e instanceof WaitNotSupportedException ? "NotImplementedError" : "RuntimeError";
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /** Thrown when an execution reaches a {@code wait_for_input} step. */
  static final class WaitNotSupportedException extends RuntimeException {
    WaitNotSupportedException(String path) {
      super(
          path
              + " waits for input, and answering a wait over the API is not supported yet; run"
              + " the task with `stepline run --answer JSON` instead");
    }
  }
}
