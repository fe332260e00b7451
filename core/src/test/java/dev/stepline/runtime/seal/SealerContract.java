package dev.stepline.runtime.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.testing.Canaries;
import org.junit.jupiter.api.Test;

/** The tests every {@link Sealer} must pass; a subclass supplies the sealer and its scheme. */
public abstract class SealerContract {
  protected static final String VALUE = "tok-SEAL-4711";

  /** Returns a sealer; two calls return sealers that share a key. */
  protected abstract Sealer newSealer();

  /** Returns the envelope scheme of the sealer. */
  protected abstract String scheme();

  @Test
  void sealedValueRoundTrips() {
    Sealer sealer = newSealer();

    String sealed = sealer.seal(VALUE, "exec-1");

    assertThat(sealed).startsWith(SealedEnvelope.PREFIX + scheme() + ":");
    assertThat(sealed).doesNotContain(VALUE);
    assertThat(sealer.unseal(sealed, "exec-1")).isEqualTo(VALUE);
  }

  @Test
  void otherSealerWithSameKeyUnseals() {
    String sealed = newSealer().seal(VALUE, "exec-1");

    assertThat(newSealer().unseal(sealed, "exec-1")).isEqualTo(VALUE);
  }

  @Test
  void sameValueSealsDifferentlyEachTime() {
    Sealer sealer = newSealer();

    assertThat(sealer.seal(VALUE, "exec-1")).isNotEqualTo(sealer.seal(VALUE, "exec-1"));
  }

  @Test
  void changedPayloadFailsIntegrityCheck() {
    Sealer sealer = newSealer();
    String tampered = Canaries.tampered(sealer.seal(VALUE, "exec-1"));

    assertThatThrownBy(() -> sealer.unseal(tampered, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("failed its integrity check")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void otherExecutionFailsIntegrityCheck() {
    Sealer sealer = newSealer();
    String sealed = sealer.seal(VALUE, "exec-1");

    assertThatThrownBy(() -> sealer.unseal(sealed, "exec-2"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("another execution")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void otherSchemeFailsNamingIt() {
    String other = scheme().equals("aes") ? "kms" : "aes";
    String sealed = SealedEnvelope.PREFIX + other + ":AQID:AAAA";

    assertThatThrownBy(() -> newSealer().unseal(sealed, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("sealed by the '" + other + "' sealer");
  }

  @Test
  void truncatedEnvelopeFails() {
    assertThatThrownBy(
            () -> newSealer().unseal(SealedEnvelope.PREFIX + scheme() + ":abc", "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("invalid sealed value");
  }
}
