package dev.stepline.runtime.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSealerTest extends SealerContract {
  @TempDir Path dir;

  private final byte[] key = AesGcm.newKey();
  private final AesGcmSealer sealer = new AesGcmSealer(key);

  @Override
  protected Sealer newSealer() {
    return new AesGcmSealer(key);
  }

  @Override
  protected String scheme() {
    return AesGcmSealer.SCHEME;
  }

  @Test
  void envelopeNamesKeyId() {
    String sealed = sealer.seal(VALUE, "exec-1");

    assertThat(sealed).startsWith(SealedEnvelope.PREFIX + "aes:" + sealer.keyId() + ":");
  }

  @Test
  void otherKeyFailsNamingBothKeys() {
    AesGcmSealer other = AesGcmSealer.withRandomKey();
    String sealed = other.seal(VALUE, "exec-1");

    assertThatThrownBy(() -> sealer.unseal(sealed, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("sealed with key " + other.keyId())
        .hasMessageContaining("the sealing key is " + sealer.keyId())
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
    Path file = dir.resolve("keys/sealing.key");

    AesGcmSealer first = AesGcmSealer.fromKeyFile(file);
    AesGcmSealer second = AesGcmSealer.fromKeyFile(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(second.keyId()).isEqualTo(first.keyId());
    assertThat(second.unseal(first.seal(VALUE, "exec-1"), "exec-1")).isEqualTo(VALUE);
  }

  @Test
  void invalidKeyFileIsRejected() throws Exception {
    Path file = Files.writeString(dir.resolve("short.key"), "c2hvcnQ=\n");

    assertThatThrownBy(() -> AesGcmSealer.fromKeyFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 32 bytes (found 5)");
  }
}
