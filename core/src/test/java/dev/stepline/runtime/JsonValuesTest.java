package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonValuesTest {

  @Test
  void syntaxErrorNamesLineAndColumn() {
    assertThatThrownBy(() -> JsonValues.fromJson("{\n  \"a\": }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid JSON at line 2, column 8");
  }

  @Test
  void tooDeepJsonNamesTheLimit() {
    String deep = "[".repeat(5000) + "]".repeat(5000);

    assertThatThrownBy(() -> JsonValues.fromJson(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid JSON: nested more than 1000 levels deep");
  }
}
