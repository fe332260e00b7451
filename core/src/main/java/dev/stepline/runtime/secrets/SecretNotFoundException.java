package dev.stepline.runtime.secrets;

/** Thrown when no secret has the requested name. */
public class SecretNotFoundException extends SecretException {
  public SecretNotFoundException(String name) {
    super("SecretNotFoundError", "secret not found: " + name);
  }
}
