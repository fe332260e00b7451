package dev.stepline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.seal.SealException;
import dev.stepline.runtime.seal.SealedEnvelope;
import dev.stepline.runtime.seal.Sealer;
import dev.stepline.runtime.seal.SealerContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;

/** KMS envelope encryption against moto's KMS. */
@ExtendWith(MotoServer.class)
class KmsSealerTest extends SealerContract {
  private static final Map<String, String> CONTEXT = Map.of("stepline:store", "executions");

  private final KmsClient kms;
  private final String keyId;
  private final MutableClock clock = new MutableClock();

  KmsSealerTest(MotoServer.Endpoint moto) {
    this.kms = moto.kms();
    this.keyId = kms.createKey(request -> request.description("sealing")).keyMetadata().keyId();
  }

  @Override
  protected Sealer newSealer() {
    return sealer(CONTEXT);
  }

  @Override
  protected String scheme() {
    return KmsSealer.SCHEME;
  }

  @Test
  void dataKeyIsReusedWithinItsLifetime() {
    KmsSealer sealer = sealer(CONTEXT);

    String first = SealedEnvelope.parse(sealer.seal(VALUE, "exec-1")).key();
    clock.advance(Duration.ofMinutes(4));
    String second = SealedEnvelope.parse(sealer.seal(VALUE, "exec-2")).key();
    clock.advance(Duration.ofMinutes(2));
    String third = SealedEnvelope.parse(sealer.seal(VALUE, "exec-3")).key();

    assertThat(second).isEqualTo(first);
    assertThat(third).isNotEqualTo(first);
  }

  @Test
  void valueOfExpiredDataKeyStillUnseals() {
    KmsSealer sealer = sealer(CONTEXT);
    String sealed = sealer.seal(VALUE, "exec-1");
    clock.advance(Duration.ofHours(1));

    assertThat(sealer.unseal(sealed, "exec-1")).isEqualTo(VALUE);
  }

  @Test
  void otherEncryptionContextIsRejected() {
    String sealed = sealer(CONTEXT).seal(VALUE, "exec-1");
    KmsSealer other = sealer(Map.of("stepline:store", "other-table"));

    assertThatThrownBy(() -> other.unseal(sealed, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("KMS rejected the data key")
        .hasMessageNotContaining(VALUE);
  }

  @Test
  void missingKeyFailsNamingIt() {
    KmsSealer sealer =
        new KmsSealer(
            kms, "alias/stepline-missing", CONTEXT, KmsSealer.DEFAULT_DATA_KEY_LIFETIME, clock);

    assertThatThrownBy(() -> sealer.seal(VALUE, "exec-1"))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("failed to generate a data key with KMS key alias/stepline-missing")
        .hasMessageContaining("kms:GenerateDataKey");
  }

  private KmsSealer sealer(Map<String, String> context) {
    return new KmsSealer(kms, keyId, context, KmsSealer.DEFAULT_DATA_KEY_LIFETIME, clock);
  }

  /** A clock that tests move forward by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
