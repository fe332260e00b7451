package dev.stepline.runtime.secrets;

/** Thrown when a secret name does not match {@code ^[a-zA-Z][a-zA-Z0-9_]*$}. */
public class InvalidSecretNameException extends SecretException {
  public InvalidSecretNameException(String name) {
    super(
        "ValueError",
        "invalid secret name (found '"
            + name
            + "'); a name starts with a letter and contains only letters, digits and '_'");
  }
}
