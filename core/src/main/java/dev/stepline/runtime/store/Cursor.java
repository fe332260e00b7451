package dev.stepline.runtime.store;

/**
 * Where a transition happened.
 *
 * @param workflow the workflow name ({@code main} or a subworkflow)
 * @param path the step path, such as {@code main[2].then[0]}; empty for the workflow itself
 * @param scope the scope id ({@code ""} for the main workflow)
 */
public record Cursor(String workflow, String path, String scope) {}
