package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.lambda.JsonLogProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/** The CLI's logging: one SLF4J provider, so SLF4J prints no warning, and off unless debugging. */
class LoggingSetupTest {

  @Test
  void classpathHasOneProvider() {
    List<String> providers = new ArrayList<>();
    for (SLF4JServiceProvider provider : ServiceLoader.load(SLF4JServiceProvider.class)) {
      providers.add(provider.getClass().getName());
    }

    assertThat(providers).containsExactly(JsonLogProvider.class.getName());
  }

  @Test
  void cliTurnsLoggingOffUnlessDebug() {
    String before = System.getProperty(JsonLogProvider.LEVEL_PROPERTY);
    try {
      System.clearProperty(JsonLogProvider.LEVEL_PROPERTY);
      Main.quietLogging(new String[] {"run", "task.yaml"});
      assertThat(System.getProperty(JsonLogProvider.LEVEL_PROPERTY)).isEqualTo("OFF");

      System.clearProperty(JsonLogProvider.LEVEL_PROPERTY);
      Main.quietLogging(new String[] {"run", "task.yaml", "--debug"});
      assertThat(System.getProperty(JsonLogProvider.LEVEL_PROPERTY)).isEqualTo("DEBUG");
    } finally {
      if (before == null) {
        System.clearProperty(JsonLogProvider.LEVEL_PROPERTY);
      } else {
        System.setProperty(JsonLogProvider.LEVEL_PROPERTY, before);
      }
    }
  }
}
