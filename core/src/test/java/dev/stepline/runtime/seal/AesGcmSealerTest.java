package dev.stepline.runtime.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.Canaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSealerTest {
  private static final String VALUE = "tok-SEAL-4711";

  @TempDir Path dir;

  private final AesGcmSealer sealer = AesGcmSealer.withRandomKey();

  @Test
  void sealedValueRoundTrips() {
    String sealed = sealer.seal(VALUE, "exec-1");

    assertThat(sealed).startsWith(SealedEnvelope.PREFIX + "aes:" + sealer.keyId() + ":");
    assertThat(sealed).doesNotContain(VALUE);
    assertThat(sealer.unseal(sealed, "exec-1")).isEqualTo(VALUE);
  }

  @Test
  void sameValueSealsDifferentlyEachTime() {
    assertThat(sealer.seal(VALUE, "exec-1")).isNotEqualTo(sealer.seal(VALUE, "exec-1"));
  }

  @Test
  void changedPayloadFailsIntegrityCheck() {
    String sealed = sealer.seal(VALUE, "exec-1");
    String tampered = Canaries.tampered(sealed);

    assertThatThrownBy(() -> sealer.unseal(tampered, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("failed its integrity check")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void otherExecutionFailsIntegrityCheck() {
    String sealed = sealer.seal(VALUE, "exec-1");

    assertThatThrownBy(() -> sealer.unseal(sealed, "exec-2"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("another execution");
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
  void otherSchemeFailsNamingIt() {
    String sealed = SealedEnvelope.PREFIX + "kms:AQID:AAAA";

    assertThatThrownBy(() -> sealer.unseal(sealed, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("sealed by the 'kms' sealer");
  }

  @Test
  void truncatedEnvelopeFails() {
    assertThatThrownBy(() -> sealer.unseal(SealedEnvelope.PREFIX + "aes:abc", "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("invalid sealed value");
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
