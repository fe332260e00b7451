package dev.stepline.runtime;

import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.task.Task;

/**
 * Finds the task an execution runs. In Lambda it parses the task text stored with the execution
 * (and caches it); a local run returns the task it already loaded.
 */
@FunctionalInterface
public interface TaskResolver {
  Task resolve(ExecutionRecord execution);
}
