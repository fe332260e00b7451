package dev.stepline.runtime.spi;

import java.util.Set;

/**
 * Runs the calls of one or more tool types ({@code api_call}, {@code database}, ...). The runtime
 * evaluates every expression of the tool definition and of the step before it calls a provider, so
 * providers see plain values only.
 *
 * <p>Implementations are thread-safe and may keep state across calls (connection pools, cached
 * OAuth tokens), because one instance serves every call of a Lambda container or of a local run.
 */
public interface ToolProvider {

  /** The tool types this provider runs, as written in {@code type:} (for example {@code http}). */
  Set<String> types();

  /**
   * Runs one call and returns its output as a JSON-like value: {@code null}, {@link Boolean},
   * {@link Long}, {@link Double}, {@link String}, {@link java.util.List} or {@link java.util.Map}.
   *
   * @throws ToolException when the call fails; its type is what a {@code try_catch} block reads as
   *     {@code error.type}
   */
  Object call(ToolRequest request);

  /**
   * Returns whether the output of this call is itself a credential, such as the access token of an
   * {@code oauth2} tool. The runtime then masks every string of the output in messages and logs
   * like a secret value and stores it sealed ({@code SealingExecutionStore}), because it grants the
   * same access as the secret it came from.
   */
  default boolean isSecretOutput(ToolRequest request) {
    return false;
  }
}
