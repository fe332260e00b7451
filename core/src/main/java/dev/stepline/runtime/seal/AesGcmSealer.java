package dev.stepline.runtime.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Seals with a local AES-256 key, for the embedded engine and {@code stepline serve}. The envelope
 * names the key by an id (the first 8 bytes of the key's SHA-256 digest, in hex), so a value sealed
 * with another key fails with a message that names both ids.
 *
 * <p>A key file contains the key as base64 on one line. {@link #fromKeyFile} creates it on first
 * use, readable and writable by its owner only.
 */
public final class AesGcmSealer implements Sealer {
  /** The envelope scheme of this sealer. */
  public static final String SCHEME = "aes";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final byte[] key;
  private final String keyId;

  public AesGcmSealer(byte[] key) {
    if (key.length != AesGcm.KEY_BYTES) {
      throw new IllegalArgumentException(
          "invalid sealing key: expected "
              + AesGcm.KEY_BYTES
              + " bytes (found "
              + key.length
              + ")");
    }
    this.key = key.clone();
    this.keyId = keyId(key);
  }

  /** Returns a sealer with a new random key, for a process whose execution store dies with it. */
  public static AesGcmSealer withRandomKey() {
    return new AesGcmSealer(AesGcm.newKey());
  }

  /**
   * Returns a sealer with the key in {@code file}, creating the file with a new random key and
   * owner-only permissions when it does not exist.
   *
   * @throws IllegalArgumentException when the file does not hold a base64 256-bit key
   * @throws UncheckedIOException when the file cannot be read or created
   */
  public static AesGcmSealer fromKeyFile(Path file) {
    try {
      if (Files.notExists(file)) {
        create(file);
      }
      return new AesGcmSealer(read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read or create the sealing key file " + file, e);
    }
  }

  /** Returns the id of this sealer's key, as envelopes name it. */
  public String keyId() {
    return keyId;
  }

  @Override
  public String seal(String plaintext, String context) {
    return new SealedEnvelope(SCHEME, keyId, AesGcm.encrypt(key, plaintext, context)).format();
  }

  @Override
  public String unseal(String sealed, String context) {
    SealedEnvelope envelope = SealedEnvelope.parse(sealed, SCHEME);
    if (!envelope.key().equals(keyId)) {
      throw new SealException(
          "the value was sealed with key "
              + envelope.key()
              + ", but the sealing key is "
              + keyId
              + "; use the key file the execution ran with");
    }
    return AesGcm.decrypt(key, envelope.payload(), context);
  }

  private static void create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String text = Base64.getEncoder().encodeToString(AesGcm.newKey()) + "\n";
    try {
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      // Another process created it between the check and the creation; read its key.
    }
  }

  private static byte[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid sealing key file " + file + ": expected one line of base64 (a 256-bit key)");
    }
  }

  private static String keyId(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
