package dev.stepline.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AslValidatorTest {

  @Test
  void validatorRejectsBrokenDefinition(@TempDir Path dir) throws Exception {
    String broken =
        "{\"StartAt\": \"a\", \"States\": {\"a\": {\"Type\": \"Pass\", \"Next\": \"b\"}}}";

    Map<String, String> invalid = AslValidator.invalid(Map.of("broken", broken), dir);

    assertThat(invalid).containsOnlyKeys("broken");
    assertThat(invalid.get("broken")).contains("MISSING_TRANSITION_TARGET");
  }
}
