package dev.stepline.runtime.store;

/**
 * A recorded step failure.
 *
 * @param scope the scope the step ran in
 * @param path the step path
 * @param type the Python-style error type, such as {@code NameError}
 * @param message the message, with secret values already masked
 */
public record Failure(String scope, String path, String type, String message) {}
