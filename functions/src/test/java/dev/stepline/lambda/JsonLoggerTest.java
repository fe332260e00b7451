package dev.stepline.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class JsonLoggerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(JsonLoggerTest.class);

  @Test
  void slf4jUsesJsonProvider() {
    assertThat(LOG).isInstanceOf(JsonLogger.class);
  }

  @Test
  void lineIsOneJsonObject() throws Exception {
    List<String> lines =
        StandardOutput.capture(
            () -> LOG.info("quote \" backslash \\ newline\n tab\t {}", "x\u0001"));

    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("message").asText())
        .isEqualTo("quote \" backslash \\ newline\n tab\t x\u0001");
    assertThat(line.get("logger").asText()).isEqualTo(JsonLoggerTest.class.getName());
    assertThat(line.get("timestamp").asText()).endsWith("Z");
  }

  @Test
  void mdcEntriesBecomeFields() throws Exception {
    MDC.put(LogFields.EXECUTION, "exec-9");
    List<String> lines;
    try {
      lines = StandardOutput.capture(() -> LOG.warn("slow"));
    } finally {
      MDC.clear();
    }

    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.get("execution").asText()).isEqualTo("exec-9");
    assertThat(line.get("level").asText()).isEqualTo("WARN");
  }

  @Test
  void debugIsOffAtDefaultLevel() throws Exception {
    assertThat(StandardOutput.capture(() -> LOG.debug("hidden"))).isEmpty();
  }

  @Test
  void levelNamesFollowLambda() {
    assertThat(JsonLogger.parseLevel(null)).isEqualTo(Level.INFO);
    assertThat(JsonLogger.parseLevel("debug")).isEqualTo(Level.DEBUG);
    assertThat(JsonLogger.parseLevel("WARN")).isEqualTo(Level.WARN);
    assertThat(JsonLogger.parseLevel("FATAL")).isEqualTo(Level.ERROR);
    assertThat(JsonLogger.parseLevel("verbose")).isEqualTo(Level.INFO);
  }

  @Test
  void offLevelWritesNothing() throws Exception {
    Logger off = new JsonLogger("off", JsonLogger.parseLevel("off"), MDC.getMDCAdapter());

    assertThat(JsonLogger.parseLevel("OFF")).isNull();
    assertThat(off.isErrorEnabled()).isFalse();
    assertThat(StandardOutput.capture(() -> off.error("hidden"))).isEmpty();
  }
}
