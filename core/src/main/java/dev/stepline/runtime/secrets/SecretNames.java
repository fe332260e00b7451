package dev.stepline.runtime.secrets;

import java.util.regex.Pattern;

/** The rule for secret names, which Stepline checks because Secrets Manager accepts more. */
public final class SecretNames {
  private static final Pattern VALID = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]*");

  private SecretNames() {}

  /** Returns true when {@code name} matches {@code ^[a-zA-Z][a-zA-Z0-9_]*$}. */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /**
   * Returns {@code name} when it is valid.
   *
   * @throws InvalidSecretNameException otherwise
   */
  public static String check(String name) {
    if (!isValid(name)) {
      throw new InvalidSecretNameException(name);
    }
    return name;
  }
}
