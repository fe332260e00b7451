package dev.stepline.rotation;

import java.security.SecureRandom;

/**
 * A random value that Stepline itself owns, such as a webhook signing key: nothing outside the
 * secret has to learn the new value, so installing it is a no-op and the test checks its shape.
 */
public final class GeneratedSecretStrategy implements RotationStrategy {
  public static final int DEFAULT_LENGTH = 40;
  public static final String DEFAULT_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int length;
  private final String alphabet;

  public GeneratedSecretStrategy(int length, String alphabet) {
    if (length < 16) {
      throw new RotationException(
          "generated secret length must be at least 16 (found " + length + ")");
    }
    if (alphabet.chars().distinct().count() < 16) {
      throw new RotationException(
          "generated secret alphabet must hold at least 16 distinct characters (found "
              + alphabet.chars().distinct().count()
              + ")");
    }
    this.length = length;
    this.alphabet = alphabet;
  }

  @Override
  public String createValue(String current, String token) {
    return randomString(length, alphabet);
  }

  @Override
  public void test(String pending) {
    boolean fits =
        pending.length() == length && pending.chars().allMatch(c -> alphabet.indexOf(c) >= 0);
    if (!fits) {
      throw new RotationException(
          "pending value does not have the configured length and alphabet; rotate again");
    }
  }

  static String randomString(int length, String alphabet) {
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return value.toString();
  }
}
