package dev.stepline.runtime.seal;

/**
 * Encrypts the secret-derived strings that the execution store keeps, and decrypts them for the
 * step that reads them. A sealed value is an envelope that {@link SealedEnvelope} parses: {@code
 * stepline:sealed:v1:<scheme>:<key>:<payload>}, where the payload is authenticated, so a changed
 * byte fails to unseal.
 *
 * <p>The {@code context} binds a sealed value to where it belongs (the execution id): unsealing
 * with another context fails. Implementations are thread-safe.
 */
public interface Sealer {

  /** Returns the envelope of {@code plaintext}, bound to {@code context}. */
  String seal(String plaintext, String context);

  /**
   * Returns the plaintext of an envelope that {@link #seal} returned with the same context.
   *
   * @throws SealException when the text is not an envelope, was sealed with another key or for
   *     another context, or was changed. The message never contains the plaintext.
   */
  String unseal(String sealed, String context);
}
