package dev.stepline.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.aws.KmsSealer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealingSettingsTest {

  @Test
  void unsetKeyMeansNoKms() {
    SealingSettings settings = SealingSettings.fromEnvironment(Map.of());

    assertThat(settings.usesKms()).isFalse();
    assertThat(settings.dataKeyLifetime()).isEqualTo(KmsSealer.DEFAULT_DATA_KEY_LIFETIME);
  }

  @Test
  void keyAndLifetimeAreRead() {
    SealingSettings settings =
        SealingSettings.fromEnvironment(
            Map.of(
                "STEPLINE_SEALING_KEY_ID", " alias/stepline-sealing ",
                "STEPLINE_SEALING_DATA_KEY_SECONDS", "60"));

    assertThat(settings.keyId()).isEqualTo("alias/stepline-sealing");
    assertThat(settings.dataKeyLifetime()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void zeroLifetimeIsRejected() {
    assertThatThrownBy(
            () -> SealingSettings.fromEnvironment(Map.of("STEPLINE_SEALING_DATA_KEY_SECONDS", "0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "invalid STEPLINE_SEALING_DATA_KEY_SECONDS (found '0'); use a whole number of 1 or"
                + " more");
  }
}
