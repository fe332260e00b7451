package dev.stepline.rotation;

/**
 * The part of rotation that depends on the kind of credential: how a new value is made, installed,
 * tested and how the old one is retired. Every method may run again after a crash, so each must
 * succeed when its work is already done.
 */
public interface RotationStrategy {

  /**
   * Returns the pending value that follows {@code current}. {@code token} is the rotation's
   * ClientRequestToken, which a provider may take as an idempotency key.
   */
  String createValue(String current, String token);

  /** Makes the pending value usable where the credential is checked (a database, a provider). */
  default void install(String current, String pending, String previous) {}

  /** Proves the pending value works, by logging in or calling the provider with it. */
  void test(String pending);

  /** Retires the value that was current before this rotation, once the new one is current. */
  default void retire(String previous, String current) {}
}
