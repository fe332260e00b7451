package dev.stepline.tools;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

  @Test
  void integrationToolIsUnsupported() {
    try (ToolRegistry tools = new ToolRegistry(ToolsConfig.defaults())) {
      ToolRequest request =
          new ToolRequest(
              "brave_search",
              "integration",
              map("provider", "brave", "setup", map("brave_api_key", "k")),
              null,
              map("query", "q"),
              null,
              false);

      assertThatThrownBy(() -> tools.call(request))
          .isInstanceOfSatisfying(
              ToolException.class,
              error -> {
                assertThat(error.type()).isEqualTo("UnsupportedToolError");
                assertThat(error.getMessage())
                    .isEqualTo(
                        "tool 'brave_search' has type 'integration' (provider 'brave'), which Stepline does"
                            + " not run; supported tool types are api_call (alias http), oauth2, database,"
                            + " email and function. Call the service with an api_call tool instead");
              });
    }
  }

  @Test
  void systemAndUnknownToolsAreUnsupported() {
    try (ToolRegistry tools = new ToolRegistry(ToolsConfig.defaults())) {
      assertThatThrownBy(
              () ->
                  tools.call(
                      new ToolRequest(
                          "get_hooks_doc",
                          "system",
                          map("resource", "agent", "subresource", "doc", "operation", "list"),
                          null,
                          map(),
                          null,
                          false)))
          .hasMessageStartingWith(
              "tool 'get_hooks_doc' has type 'system' (resource 'agent'), which Stepline does not run")
          .extracting("type")
          .isEqualTo("UnsupportedToolError");
      assertThatThrownBy(
              () -> tools.call(new ToolRequest("x", "teleport", map(), null, map(), null, false)))
          .hasMessageStartingWith("tool 'x' has type 'teleport', which Stepline does not run")
          .extracting("type")
          .isEqualTo("UnsupportedToolError");
    }
  }

  @Test
  void onlyOAuthTokensAreSecretOutputs() {
    try (ToolRegistry tools = new ToolRegistry(ToolsConfig.defaults())) {
      assertThat(
              tools.isSecretOutput(new ToolRequest("t", "oauth2", map(), null, map(), null, false)))
          .isTrue();
      assertThat(
              tools.isSecretOutput(
                  new ToolRequest("t", "api_call", map(), null, map(), null, false)))
          .isFalse();
      assertThat(
              tools.isSecretOutput(
                  new ToolRequest("t", "teleport", map(), null, map(), null, false)))
          .isFalse();
    }
  }

  @Test
  void registryListsBuiltInTypes() {
    try (ToolRegistry tools = new ToolRegistry(ToolsConfig.defaults())) {
      assertThat(tools.types())
          .contains("api_call", "http", "oauth2", "database", "email", "integration", "system");
    }
  }

  @Test
  void linkLocalAllowedOnlyWhenConfigured() {
    AddressPolicy strict = new AddressPolicy(false);
    AddressPolicy relaxed = new AddressPolicy(true);

    assertThatThrownBy(() -> strict.check("t", "169.254.169.254", false))
        .extracting("type")
        .isEqualTo("ConnectionError");
    assertThat(relaxed.check("t", "169.254.169.254", false))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("169.254.169.254");
    assertThat(strict.check("t", "127.0.0.1", false))
        .extracting(InetAddress::getHostAddress)
        .containsExactly("127.0.0.1");
  }

  @Test
  void environmentSetsModelUrlAndLinkLocal() {
    ToolsConfig config =
        ToolsConfig.fromEnvironment(
            java.util.Map.of(
                "STEPLINE_MODEL_BASE_URL",
                "http://127.0.0.1:11434/v1",
                "STEPLINE_ALLOW_LINK_LOCAL",
                "true"));

    assertThat(config.modelBaseUrl().toString()).isEqualTo("http://127.0.0.1:11434/v1");
    assertThat(config.allowLinkLocal()).isTrue();
    assertThat(ToolsConfig.fromEnvironment(java.util.Map.of()).allowLinkLocal()).isFalse();
  }
}
