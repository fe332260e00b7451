package dev.stepline.task;

/**
 * A tool declared under {@code tools:}.
 *
 * @param name the name steps call it by
 * @param type one of {@code api_call} (alias {@code http} normalises to {@code api_call}), {@code
 *     database}, {@code email}, {@code oauth2}, {@code function}, {@code integration}, {@code
 *     system}
 * @param spec the type's settings as written (for {@code api_call}: method, url, headers, ...),
 *     with expressions unevaluated; {@code integration} and {@code system} tools keep theirs so
 *     that the runtime can report them as unsupported
 */
public record ToolDefinition(
    String name, String type, String description, Value.MapOf spec, SourcePosition position) {}
