package dev.stepline.cli;

import dev.stepline.local.SealingKeys;
import dev.stepline.runtime.seal.AesGcmSealer;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --sealing-key} option of {@code stepline run} and {@code stepline serve}. */
final class SealingKeyOption {
  @Option(
      names = "--sealing-key",
      paramLabel = "FILE",
      description =
          "The file with the AES-256 key that seals secret-derived values in the execution store,"
              + " created with owner-only permissions if missing (default: the"
              + " STEPLINE_SEALING_KEY_FILE variable, else a random key of this process).")
  Path keyFile;

  /** Returns the sealer the option and the environment choose. */
  AesGcmSealer sealer(Map<String, String> environment) {
    return SealingKeys.choose(keyFile, environment);
  }
}
