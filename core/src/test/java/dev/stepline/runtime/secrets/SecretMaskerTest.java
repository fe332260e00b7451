package dev.stepline.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  @Test
  void masksRawAndEncodedForms() {
    SecretMasker masker = new SecretMasker();
    masker.add("tok \"TEST\"/123");

    assertThat(masker.mask("Bearer tok \"TEST\"/123")).isEqualTo("Bearer ***");
    assertThat(masker.mask("{\"h\":\"tok \\\"TEST\\\"/123\"}")).isEqualTo("{\"h\":\"***\"}");
    assertThat(masker.mask("q=tok+%22TEST%22%2F123")).isEqualTo("q=***");
    String base64 = Base64.getEncoder().encodeToString("tok \"TEST\"/123".getBytes());
    assertThat(masker.mask("basic " + base64)).isEqualTo("basic ***");
  }

  @Test
  void masksLongerValueWhole() {
    SecretMasker masker = new SecretMasker();
    masker.add("abc");
    masker.add("abcdef");

    assertThat(masker.mask("x abcdef y abc")).isEqualTo("x *** y ***");
  }

  @Test
  void leavesTextWithoutSecrets() {
    SecretMasker masker = new SecretMasker();
    masker.add("tok-1");

    assertThat(masker.mask("nothing here")).isEqualTo("nothing here");
    assertThat(masker.mask(null)).isNull();
  }

  @Test
  void masksShortDerivedValueWhenQuoted() {
    SecretMasker masker = new SecretMasker();
    masker.addDerived("Q");

    assertThat(masker.mask("[\"Q\", \"QR\"]")).isEqualTo("[\"***\", \"QR\"]");
    assertThat(masker.mask("KeyError: 'Q'")).isEqualTo("KeyError: '***'");
    assertThat(masker.mask("Quiet")).isEqualTo("Quiet");
    assertThat(masker.hides("Q")).isTrue();
    assertThat(masker.hides("QR")).isFalse();
  }

  @Test
  void ignoresEmptyDerivedValue() {
    SecretMasker masker = new SecretMasker();
    masker.addDerived("");

    assertThat(masker.isEmpty()).isTrue();
    assertThat(masker.mask("\"\"")).isEqualTo("\"\"");
  }
}
