package dev.stepline.validate;

import dev.stepline.task.Step;

/**
 * Where a value sits in a task.
 *
 * @param path the YAML path of the value, such as {@code main[2].arguments.city}
 * @param workflow the workflow of the step that owns the value, or {@code null} for tool settings
 * @param step the step that owns the value, or {@code null} for tool settings
 */
public record ValueSite(String path, String workflow, Step step) {}
