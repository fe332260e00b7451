package dev.stepline.tools;

import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.http.HttpToolProvider;
import dev.stepline.tools.http.HttpTransport;
import dev.stepline.tools.mail.EmailToolProvider;
import dev.stepline.tools.model.ChatCompletionsClient;
import dev.stepline.tools.oauth.OAuth2Provider;
import dev.stepline.tools.sql.DatabaseToolProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every built-in tool provider and the model client, built from one configuration. It is itself a
 * {@link ToolProvider} that dispatches on {@code type}, so the runtime and the Lambda handlers hold
 * one object per JVM; pools and token caches live as long as it does. {@code function} tools are
 * not here, because the runtime pauses the step and the client runs them.
 */
public final class ToolRegistry implements ToolProvider, AutoCloseable {
  /** The tool types this registry runs, for messages. */
  public static final String SUPPORTED_TYPES =
      "api_call (alias http), oauth2, database, email and function";

  private final Map<String, ToolProvider> providers = new LinkedHashMap<>();
  private final DatabaseToolProvider database;
  private final ModelClient modelClient;

  public ToolRegistry(ToolsConfig config) {
    this(config, null);
  }

  /**
   * Builds the providers.
   *
   * @param modelClient the model client to use, or {@code null} for a Chat Completions client at
   *     {@link ToolsConfig#modelBaseUrl()}
   */
  public ToolRegistry(ToolsConfig config, ModelClient modelClient) {
    HttpTransport transport = new HttpTransport(config);
    OAuth2Provider oauth = new OAuth2Provider(transport, config);
    database = new DatabaseToolProvider(config);
    register(new HttpToolProvider(transport, config, oauth));
    register(oauth);
    register(database);
    register(new EmailToolProvider(config));
    register(new UnsupportedToolProvider(SUPPORTED_TYPES));
    this.modelClient =
        modelClient != null
            ? modelClient
            : new ChatCompletionsClient(transport, config.modelBaseUrl(), config.modelTimeout());
  }

  private void register(ToolProvider provider) {
    provider.types().forEach(type -> providers.put(type, provider));
  }

  @Override
  public Set<String> types() {
    return providers.keySet();
  }

  /** Runs the call with the provider of its type; unknown types fail with UnsupportedToolError. */
  @Override
  public Object call(ToolRequest request) {
    ToolProvider provider = providers.get(request.type());
    if (provider == null) {
      throw UnsupportedToolProvider.unsupported(request, SUPPORTED_TYPES);
    }
    return provider.call(request);
  }

  @Override
  public boolean isSecretOutput(ToolRequest request) {
    ToolProvider provider = providers.get(request.type());
    return provider != null && provider.isSecretOutput(request);
  }

  public ModelClient modelClient() {
    return modelClient;
  }

  /** Closes the database pools. */
  @Override
  public void close() {
    database.close();
  }
}
