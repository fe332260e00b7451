package dev.stepline.runtime;

import java.util.Map;

/**
 * The request every step handler receives from a Task state: identifiers only, never data.
 *
 * @param action what to do, one of the {@code ACTION_*} names
 * @param execution the execution id
 * @param workflow the workflow the step belongs to
 * @param path the step path, such as {@code main[2].then[0]}
 * @param scope the scope id; see docs/architecture.md
 * @param token the task token of a {@code .waitForTaskToken} state, or {@code null}
 * @param error the error object Step Functions caught ({@code Error}, {@code Cause}), for the
 *     {@code catch} and {@code fail} actions; otherwise {@code null}
 */
public record StepRequest(
    String action,
    String execution,
    String workflow,
    String path,
    String scope,
    String token,
    Map<String, Object> error) {}
