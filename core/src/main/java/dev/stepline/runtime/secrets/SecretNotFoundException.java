package dev.stepline.runtime.secrets;

/** Thrown when no secret has the requested name. */
public class SecretNotFoundException extends SecretException {
  public SecretNotFoundException(String name) {
    super("KeyError", "secret not found: " + name);
  }
}
