package dev.stepline.runtime.seal;

import dev.stepline.runtime.StepError;

/**
 * A sealed value that cannot be unsealed: it was changed, sealed with another key or for another
 * execution, or the key service failed. A step that reads it fails with the type {@code SealError}.
 */
public final class SealException extends StepError {
  /** The Python-style type a {@code catch} block reads as {@code error.type}. */
  public static final String TYPE = "SealError";

  public SealException(String message) {
    super(TYPE, message);
  }
}
