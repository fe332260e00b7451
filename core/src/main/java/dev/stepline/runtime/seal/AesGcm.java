package dev.stepline.runtime.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per value and the context as additional authenticated
 * data, the cipher behind every {@link Sealer}. A payload is the nonce followed by the ciphertext
 * and its 128-bit tag.
 */
public final class AesGcm {
  /** Key length in bytes. */
  public static final int KEY_BYTES = 32;

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AesGcm() {}

  /** Returns a new random 256-bit key. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** Encrypts {@code plaintext} and returns the payload (nonce, ciphertext and tag). */
  public static byte[] encrypt(byte[] key, String plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, context);
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length)
          .put(nonce)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Failed to seal a value with AES-GCM", e);
    }
  }

  /**
   * Decrypts a payload that {@link #encrypt} returned.
   *
   * @throws SealException when the tag does not match: the payload was changed, or the key or the
   *     context differs
   */
  public static String decrypt(byte[] key, byte[] payload, String context) {
    if (payload.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealException("invalid sealed value: the payload is too short to be AES-GCM");
    }
    try {
      byte[] nonce = java.util.Arrays.copyOf(payload, NONCE_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, context);
      byte[] plaintext = cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
      return new String(plaintext, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new SealException(
          "a sealed value failed its integrity check: it was changed, or it belongs to another"
              + " execution; the execution store must not be edited by hand");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Failed to unseal a value with AES-GCM", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, String context)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
