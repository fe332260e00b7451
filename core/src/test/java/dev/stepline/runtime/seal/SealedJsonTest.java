package dev.stepline.runtime.seal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SealedJsonTest {
  private final AesGcmSealer sealer = AesGcmSealer.withRandomKey();

  @Test
  void sealedStringsShowAsMask() {
    String sealed = sealer.seal("tok-123", "exec-1");
    String json = "{\"token\":\"" + sealed + "\",\"n\":7,\"list\":[\"" + sealed + "\",\"a\"]}";

    assertThat(SealedJson.masked(json))
        .isEqualTo("{\"token\":\"***\",\"n\":7,\"list\":[\"***\",\"a\"]}");
  }

  @Test
  void textWithoutSealedValuesIsUnchanged() {
    assertThat(SealedJson.masked("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
    assertThat(SealedJson.masked(null)).isNull();
  }
}
