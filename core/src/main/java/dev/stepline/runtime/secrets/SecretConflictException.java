package dev.stepline.runtime.secrets;

/** Thrown when a secret is created or renamed to a name that is taken. */
public class SecretConflictException extends SecretException {
  public SecretConflictException(String name) {
    super("ConflictError", "secret already exists: " + name + "; choose another name or update it");
  }
}
