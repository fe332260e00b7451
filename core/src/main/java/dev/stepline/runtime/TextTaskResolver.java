package dev.stepline.runtime;

import dev.stepline.diag.InvalidTaskException;
import dev.stepline.load.LoadResult;
import dev.stepline.load.TaskLoader;
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
 *
 * <p>A resolver from {@link #TextTaskResolver(int)} validates the text as {@code stepline validate}
 * does. One from {@link #forValidatedTasks(int)} only loads it: the text was validated before the
 * execution was created (by the compiler or the HTTP API), and skipping the checks across the task
 * keeps the first request of a Lambda container short. The template engine, for one, is then loaded
 * only when a step renders a template.
 */
public final class TextTaskResolver implements TaskResolver {
  private final int maxTasks;
  private final boolean validate;
  private final Map<String, Task> cache;

  /**
   * @param maxTasks how many parsed task versions to keep; the least recently used goes first
   */
  public TextTaskResolver(int maxTasks) {
    this(maxTasks, true);
  }

  private TextTaskResolver(int maxTasks, boolean validate) {
    this.maxTasks = maxTasks;
    this.validate = validate;
    this.cache = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * Returns a resolver that loads task text without validating it, for executions whose text was
   * validated when they were created.
   *
   * @param maxTasks how many parsed task versions to keep; the least recently used goes first
   */
  public static TextTaskResolver forValidatedTasks(int maxTasks) {
    return new TextTaskResolver(maxTasks, false);
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
    task = parse(execution.taskId() + ".yaml", execution.taskText());
    cache.put(execution.taskText(), task);
    if (cache.size() > maxTasks) {
      cache.remove(cache.keySet().iterator().next());
    }
    return task;
  }

  private Task parse(String fileName, String text) {
    if (validate) {
      ValidationResult result = new TaskValidator().validate(fileName, text);
      if (result.hasErrors()) {
        throw new InvalidTaskException(result.diagnostics());
      }
      return result.task();
    }
    LoadResult result = new TaskLoader().load(fileName, text);
    if (result.hasErrors()) {
      throw new InvalidTaskException(result.diagnostics());
    }
    return result.task();
  }
}
