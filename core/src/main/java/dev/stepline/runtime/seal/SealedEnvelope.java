package dev.stepline.runtime.seal;

import java.util.Base64;

/**
 * The text form of a sealed value: {@code stepline:sealed:v1:<scheme>:<key>:<payload>}. The scheme
 * names the sealer ({@code aes} for a local key, {@code kms} for AWS KMS envelope encryption), the
 * key identifies the key that sealed it, and the payload is unpadded base64url of the nonce and the
 * AES-GCM ciphertext with its tag. Every part is base64url or a fixed word, so the envelope needs
 * no escaping in JSON, URLs or DynamoDB.
 *
 * @param scheme the sealer's scheme
 * @param key the key id (local) or the encrypted data key in base64url (KMS)
 * @param payload the nonce and ciphertext
 */
public record SealedEnvelope(String scheme, String key, byte[] payload) {
  /** The prefix of every sealed value. */
  public static final String PREFIX = "stepline:sealed:v1:";

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  /** Returns true when {@code text} has the form of a sealed value. */
  public static boolean isSealed(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  /**
   * Parses an envelope.
   *
   * @throws SealException when the text does not have the envelope's form
   */
  public static SealedEnvelope parse(String text) {
    if (!isSealed(text)) {
      throw new SealException("the value is not sealed (expected the prefix " + PREFIX + ")");
    }
    String[] parts = text.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new SealException(
          "invalid sealed value: expected "
              + PREFIX
              + "<scheme>:<key>:<payload> (found "
              + parts.length
              + " parts after the prefix)");
    }
    try {
      return new SealedEnvelope(parts[0], parts[1], DECODER.decode(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new SealException("invalid sealed value: the payload is not base64url");
    }
  }

  /**
   * Parses an envelope that a sealer of {@code scheme} wrote.
   *
   * @throws SealException when the text is not an envelope, or another sealer wrote it
   */
  public static SealedEnvelope parse(String text, String scheme) {
    SealedEnvelope envelope = parse(text);
    if (!envelope.scheme().equals(scheme)) {
      throw new SealException(
          "the value was sealed by the '"
              + envelope.scheme()
              + "' sealer, but this process seals with '"
              + scheme
              + "'; read it where it was sealed");
    }
    return envelope;
  }

  /** Returns the envelope as text. */
  public String format() {
    return PREFIX + scheme + ":" + key + ":" + ENCODER.encodeToString(payload);
  }

  /** Returns bytes as unpadded base64url, the encoding of every envelope part. */
  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes an envelope part.
   *
   * @throws SealException when it is not base64url
   */
  public static byte[] decode(String text) {
    try {
      return DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new SealException("invalid sealed value: the key part is not base64url");
    }
  }
}
