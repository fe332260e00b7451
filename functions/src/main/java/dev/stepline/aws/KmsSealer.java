package dev.stepline.aws;

import dev.stepline.runtime.seal.AesGcm;
import dev.stepline.runtime.seal.SealException;
import dev.stepline.runtime.seal.SealedEnvelope;
import dev.stepline.runtime.seal.Sealer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Seals with AWS KMS envelope encryption. {@code GenerateDataKey} returns a 256-bit data key and
 * its copy encrypted under the KMS key; values are sealed with AES-256-GCM under the data key, and
 * each envelope carries the encrypted copy, so any container with {@code kms:Decrypt} can unseal
 * it. The AES-GCM additional data is the execution id, so a value moved to another execution fails
 * its integrity check.
 *
 * <p>A container keeps its data key for a bounded lifetime and then generates a new one, so one
 * {@code GenerateDataKey} call serves many values. Decrypted data keys are cached for the same
 * lifetime, at most {@value #MAX_DECRYPTED_KEYS} of them. Every KMS call sends the same encryption
 * context, which the key policy or IAM policy can require.
 */
public final class KmsSealer implements Sealer {
  /** The envelope scheme of this sealer. */
  public static final String SCHEME = "kms";

  /** The default lifetime of a data key in one container. */
  public static final Duration DEFAULT_DATA_KEY_LIFETIME = Duration.ofMinutes(5);

  static final int MAX_DECRYPTED_KEYS = 64;

  private final KmsClient kms;
  private final String keyId;
  private final Map<String, String> encryptionContext;
  private final Duration lifetime;
  private final Clock clock;
  private DataKey current;
  private final Map<String, DataKey> decrypted =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DataKey> eldest) {
          return size() > MAX_DECRYPTED_KEYS;
        }
      };

  /**
   * @param keyId the KMS key id, ARN or alias that seals new values
   * @param encryptionContext the KMS encryption context of every data key
   * @param lifetime how long a container seals with one data key and keeps a decrypted one
   */
  public KmsSealer(
      KmsClient kms,
      String keyId,
      Map<String, String> encryptionContext,
      Duration lifetime,
      Clock clock) {
    this.kms = kms;
    this.keyId = keyId;
    this.encryptionContext = Map.copyOf(encryptionContext);
    this.lifetime = lifetime;
    this.clock = clock;
  }

  @Override
  public String seal(String plaintext, String context) {
    DataKey key = currentKey();
    return new SealedEnvelope(
            SCHEME,
            SealedEnvelope.encode(key.encrypted),
            AesGcm.encrypt(key.plaintext, plaintext, context))
        .format();
  }

  @Override
  public String unseal(String sealed, String context) {
    SealedEnvelope envelope = SealedEnvelope.parse(sealed, SCHEME);
    DataKey key = decryptedKey(envelope.key());
    return AesGcm.decrypt(key.plaintext, envelope.payload(), context);
  }

  private synchronized DataKey currentKey() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(current.expiresAt)) {
      current = generate(now);
      decrypted.put(SealedEnvelope.encode(current.encrypted), current);
    }
    return current;
  }

  private synchronized DataKey decryptedKey(String encoded) {
    Instant now = clock.instant();
    DataKey cached = decrypted.get(encoded);
    if (cached != null && now.isBefore(cached.expiresAt)) {
      return cached;
    }
    DataKey key = decrypt(SealedEnvelope.decode(encoded), now);
    decrypted.put(encoded, key);
    return key;
  }

  private DataKey generate(Instant now) {
    try {
      GenerateDataKeyResponse response =
          kms.generateDataKey(
              request ->
                  request
                      .keyId(keyId)
                      .keySpec(DataKeySpec.AES_256)
                      .encryptionContext(encryptionContext));
      return new DataKey(
          response.plaintext().asByteArray(),
          response.ciphertextBlob().asByteArray(),
          now.plus(lifetime));
    } catch (SdkException e) {
      throw new SealException(
          "failed to generate a data key with KMS key "
              + keyId
              + " ("
              + describe(e)
              + "); check that the function may call kms:GenerateDataKey on it");
    }
  }

  private DataKey decrypt(byte[] encrypted, Instant now) {
    try {
      DecryptResponse response =
          kms.decrypt(
              request ->
                  request
                      .keyId(keyId)
                      .ciphertextBlob(SdkBytes.fromByteArray(encrypted))
                      .encryptionContext(encryptionContext));
      return new DataKey(response.plaintext().asByteArray(), encrypted, now.plus(lifetime));
    } catch (InvalidCiphertextException e) {
      throw new SealException(
          "KMS rejected the data key of a sealed value: it was changed, or it was sealed for"
              + " another execution table (encryption context "
              + encryptionContext
              + ")");
    } catch (SdkException e) {
      throw new SealException(
          "failed to decrypt the data key of a sealed value with KMS key "
              + keyId
              + " ("
              + describe(e)
              + "); check that the function may call kms:Decrypt on it and that the value was"
              + " sealed with this key");
    }
  }

  private static String describe(SdkException e) {
    if (e instanceof KmsException kms && kms.awsErrorDetails() != null) {
      return kms.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  /** A data key in plain text and encrypted under the KMS key, with the end of its lifetime. */
  private record DataKey(byte[] plaintext, byte[] encrypted, Instant expiresAt) {}
}
