package dev.stepline.validate;

import dev.stepline.task.Step;
import dev.stepline.task.Task;

/**
 * The place of a value in a task.
 *
 * @param path the YAML path of the value, such as {@code main[2].arguments.city}
 * @param workflow the workflow of the step that owns the value, or {@code null} for tool settings
 * @param step the step that owns the value, or {@code null} for tool settings
 * @param task the task the value belongs to
 */
public record ValueSite(String path, String workflow, Step step, Task task) {}
