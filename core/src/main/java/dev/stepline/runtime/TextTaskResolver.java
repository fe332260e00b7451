package dev.stepline.runtime;

import dev.stepline.diag.InvalidTaskException;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.task.Task;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds an execution's task by parsing the task text stored with the execution, as step handlers in
 * Lambda do. Parsed tasks are cached by text, so the handlers of one container parse each task
 * version once and share one {@link Task} object, which keeps {@link StepRunner}'s index cache
 * small.
 */
public final class TextTaskResolver implements TaskResolver {
  private final int maxTasks;
  private final Map<String, Task> cache;

  /**
   * @param maxTasks how many parsed task versions to keep; the least recently used goes first
   */
  public TextTaskResolver(int maxTasks) {
    this.maxTasks = maxTasks;
    this.cache = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * Returns the parsed task of the execution.
   *
   * @throws InvalidTaskException when the stored text has errors, which means it was changed after
   *     the execution was created
   */
  @Override
  public synchronized Task resolve(ExecutionRecord execution) {
    Task task = cache.get(execution.taskText());
    if (task != null) {
      return task;
    }
    String fileName = execution.taskId() + ".yaml";
    ValidationResult result = new TaskValidator().validate(fileName, execution.taskText());
    if (result.hasErrors()) {
      throw new InvalidTaskException(result.diagnostics());
    }
    cache.put(execution.taskText(), result.task());
    if (cache.size() > maxTasks) {
      cache.remove(cache.keySet().iterator().next());
    }
    return result.task();
  }
}
