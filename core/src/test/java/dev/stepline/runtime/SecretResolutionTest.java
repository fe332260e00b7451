package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.runtime.store.Transition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How steps read secrets: lazily, masked in every recorded text along with the strings computed
 * from them, and read again once when a tool rejects a rotated credential.
 */
class SecretResolutionTest {
  private static final String KEY = "tok-TEST-123";

  @TempDir Path dir;

  @Test
  void stepFetchesOnlyNamesItReads() {
    CachingStore secrets = new CachingStore(file(Map.of("WEATHER_KEY", KEY, "OTHER", "other-1")));
    RunnerHarness run =
        new RunnerHarness(
            "main:\n  - evaluate: {n: $ len(secrets.WEATHER_KEY)}\n",
            "{}",
            secrets,
            List.of(),
            null);
    run.start();

    run.step("main[0]");

    assertThat(secrets.fetched).containsExactly("WEATHER_KEY");
    assertThat(run.lastOutput("")).isEqualTo("{\"n\":12}");
  }

  @Test
  void derivedStringsAreMaskedWhole() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - evaluate:
                  tail: $ secrets.WEATHER_KEY[4:]
                  shout: $ secrets.WEATHER_KEY.upper()
                  bearer: $ f"Bearer {secrets.WEATHER_KEY}"
                  n: $ len(secrets.WEATHER_KEY)
                  same: $ secrets.WEATHER_KEY == 'x'
              - evaluate: {x: $ int(_.tail)}
            """,
            "{}",
            Map.of("WEATHER_KEY", KEY),
            List.of());
    run.start();
    run.step("main[0]");

    assertThatThrownBy(() -> run.step("main[1]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageNotContaining("TEST-123");
    String transitions =
        run.store.transitions(run.id).stream().map(Transition::output).toList().toString();
    assertThat(transitions).doesNotContain("TEST-123");
    assertThat(transitions).doesNotContain("TOK-TEST");
    assertThat(transitions).contains("Bearer ***");
    assertThat(transitions).contains("\"n\":12");
    assertThat(transitions).contains("\"same\":false");
    assertThat(run.store.failures(run.id).get(0).message()).doesNotContain("TEST-123");
  }

  @Test
  void rotatedSecretIsReadAgainOnce() {
    CachingStore secrets = new CachingStore(file(Map.of("WEATHER_KEY", "tok-OLD-111")));
    secrets.get("WEATHER_KEY");
    secrets.backing.update(
        "WEATHER_KEY", new SecretStore.SecretUpdate("tok-NEW-222", null, null, null));
    AcceptingProvider provider = new AcceptingProvider("Bearer tok-NEW-222");
    RunnerHarness run = new RunnerHarness(toolTask(), "{}", secrets, List.of(provider), null);
    run.start();

    run.step("main[0]");

    assertThat(provider.seen).containsExactly("Bearer tok-OLD-111", "Bearer tok-NEW-222");
    assertThat(run.lastOutput("")).isEqualTo("{\"ok\":true}");
  }

  @Test
  void unchangedSecretIsNotRetried() {
    CachingStore secrets = new CachingStore(file(Map.of("WEATHER_KEY", "tok-OLD-111")));
    AcceptingProvider provider = new AcceptingProvider("Bearer tok-NEW-222");
    RunnerHarness run = new RunnerHarness(toolTask(), "{}", secrets, List.of(provider), null);
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("AuthenticationError")
        .hasMessageNotContaining("tok-OLD-111");
    assertThat(provider.seen).hasSize(1);
  }

  private static String toolTask() {
    return """
        tools:
          - name: weather
            type: api_call
            api_call: {method: GET, url: "http://127.0.0.1:9/weather"}
        main:
          - tool: weather
            arguments:
              authorization: $ f"Bearer {secrets.WEATHER_KEY}"
        """;
  }

  private LocalSecretStore file(Map<String, String> values) {
    LocalSecretStore store = new LocalSecretStore(dir.resolve("secrets.json"), Map.of());
    values.forEach((name, value) -> store.create(name, value, null, Map.of()));
    return store;
  }

  /** A tool that accepts one authorization header and rejects every other. */
  private static final class AcceptingProvider implements ToolProvider {
    private final String accepted;
    private final List<String> seen = new ArrayList<>();

    AcceptingProvider(String accepted) {
      this.accepted = accepted;
    }

    @Override
    public Set<String> types() {
      return Set.of("api_call");
    }

    @Override
    public Object call(ToolRequest request) {
      String authorization = String.valueOf(request.arguments().get("authorization"));
      seen.add(authorization);
      if (!authorization.equals(accepted)) {
        throw new ToolException("AuthenticationError", "HTTP 401 from the weather API");
      }
      return Map.of("ok", true);
    }
  }

  /**
   * A store that serves values from a cache until {@link #refresh} reads them again, as the Secrets
   * Manager store does, and records every name it reads from its backing store.
   */
  private static final class CachingStore implements SecretStore {
    private final LocalSecretStore backing;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private final List<String> fetched = new ArrayList<>();

    CachingStore(LocalSecretStore backing) {
      this.backing = backing;
    }

    @Override
    public Optional<String> find(String name) {
      String cached = cache.get(name);
      if (cached != null) {
        return Optional.of(cached);
      }
      fetched.add(name);
      Optional<String> value = backing.find(name);
      value.ifPresent(text -> cache.put(name, text));
      return value;
    }

    @Override
    public Optional<String> refresh(String name) {
      cache.remove(name);
      return find(name);
    }

    @Override
    public Optional<SecretMetadata> describe(String name) {
      return backing.describe(name);
    }

    @Override
    public List<SecretMetadata> list() {
      return backing.list();
    }

    @Override
    public SecretMetadata create(
        String name, String value, String description, Map<String, String> metadata) {
      return backing.create(name, value, description, metadata);
    }

    @Override
    public SecretMetadata update(String name, SecretUpdate update) {
      cache.remove(name);
      return backing.update(name, update);
    }

    @Override
    public void delete(String name) {
      cache.remove(name);
      backing.delete(name);
    }
  }
}
