package dev.stepline.local;

import dev.stepline.runtime.seal.AesGcmSealer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Chooses the local sealing key of {@code stepline run} and {@code stepline serve}: the key file
 * given by {@code --sealing-key}, else the one {@code STEPLINE_SEALING_KEY_FILE} names, else a
 * random key of the process. A random key is enough while the execution store is in memory, since
 * nothing sealed outlives the process. A key file is created on first use with owner-only
 * permissions.
 */
public final class SealingKeys {
  /** The environment variable that names the key file. */
  public static final String KEY_FILE_VARIABLE = "STEPLINE_SEALING_KEY_FILE";

  private SealingKeys() {}

  /**
   * Returns the sealer for a key file option (or {@code null}) and the environment.
   *
   * @throws IllegalArgumentException when the key file does not contain a base64 256-bit key
   */
  public static AesGcmSealer choose(Path keyFile, Map<String, String> environment) {
    if (keyFile != null) {
      return AesGcmSealer.fromKeyFile(keyFile);
    }
    String named = environment.get(KEY_FILE_VARIABLE);
    if (named != null && !named.isBlank()) {
      return AesGcmSealer.fromKeyFile(Path.of(named));
    }
    return AesGcmSealer.withRandomKey();
  }
}
