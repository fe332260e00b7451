package dev.stepline.tools;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Operator settings of the tools: limits, timeouts, retries and the model endpoint. Tasks cannot
 * change these; a task's own {@code timeout} or {@code max_rows} may only request less where a
 * field states so.
 *
 * @param httpTimeout default time for a whole HTTP exchange, when the tool sets no {@code timeout}
 * @param connectTimeout time to open a TCP connection, for HTTP
 * @param maxResponseBytes largest response body an HTTP tool or a model call reads
 * @param maxRedirects most redirects one HTTP call follows
 * @param allowLinkLocal whether tools may connect to link-local and instance metadata addresses
 * @param retry retries of transient failures (connection refused, timeouts, 429, 502, 503, 504)
 * @param sslContext the TLS context of HTTP and SMTP connections; the JDK default when {@code null}
 * @param tokenRefreshMargin how long before its expiry a cached OAuth token is fetched again
 * @param clock the clock of token expiry
 * @param maxPoolSize connections per database pool
 * @param maxPools database pools kept open at once; the least recently used one closes first
 * @param databaseConnectTimeout time to get a database connection
 * @param statementTimeout default time a SQL statement may run, when the tool sets no {@code
 *     timeout}
 * @param maxRows most rows a query may return, when the tool sets no {@code max_rows}
 * @param smtpTimeout time for each SMTP connect, read and write
 * @param modelBaseUrl base URL of the OpenAI-compatible Chat Completions endpoint, ending before
 *     {@code /chat/completions}
 * @param modelTimeout time for one model call
 */
public record ToolsConfig(
    Duration httpTimeout,
    Duration connectTimeout,
    long maxResponseBytes,
    int maxRedirects,
    boolean allowLinkLocal,
    RetryPolicy retry,
    SSLContext sslContext,
    Duration tokenRefreshMargin,
    Clock clock,
    int maxPoolSize,
    int maxPools,
    Duration databaseConnectTimeout,
    Duration statementTimeout,
    int maxRows,
    Duration smtpTimeout,
    URI modelBaseUrl,
    Duration modelTimeout) {

  /** Environment variable naming the Chat Completions base URL. */
  public static final String ENV_MODEL_BASE_URL = "STEPLINE_MODEL_BASE_URL";

  /** Environment variable that allows link-local addresses when {@code true}. */
  public static final String ENV_ALLOW_LINK_LOCAL = "STEPLINE_ALLOW_LINK_LOCAL";

  /**
   * Backoff between attempts: attempt {@code n} (from 1) waits a random time up to {@code
   * min(maxBackoff, initialBackoff * 2^(n-1))}, or the server's {@code Retry-After} capped at
   * {@code maxBackoff}.
   *
   * @param maxAttempts attempts in total, 1 for no retry
   */
  public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static RetryPolicy none() {
      return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }
  }

  public static ToolsConfig defaults() {
    return builder().build();
  }

  /** Reads the settings operators change most from environment variables, the rest defaults. */
  public static ToolsConfig fromEnvironment(Map<String, String> environment) {
    Builder builder = builder();
    String baseUrl = environment.get(ENV_MODEL_BASE_URL);
    if (baseUrl != null && !baseUrl.isBlank()) {
      builder.modelBaseUrl(URI.create(baseUrl.trim()));
    }
    builder.allowLinkLocal(Boolean.parseBoolean(environment.get(ENV_ALLOW_LINK_LOCAL)));
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a configuration; every setting starts at its default. */
  public static final class Builder {
    private Duration httpTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private long maxResponseBytes = 10L * 1024 * 1024;
    private int maxRedirects = 10;
    private boolean allowLinkLocal;
    private RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5));
    private SSLContext sslContext;
    private Duration tokenRefreshMargin = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private int maxPoolSize = 2;
    private int maxPools = 16;
    private Duration databaseConnectTimeout = Duration.ofSeconds(10);
    private Duration statementTimeout = Duration.ofSeconds(30);
    private int maxRows = 1000;
    private Duration smtpTimeout = Duration.ofSeconds(30);
    private URI modelBaseUrl = URI.create("https://api.openai.com/v1");
    private Duration modelTimeout = Duration.ofSeconds(120);

    private Builder() {}

    private Builder(ToolsConfig config) {
      httpTimeout = config.httpTimeout;
      connectTimeout = config.connectTimeout;
      maxResponseBytes = config.maxResponseBytes;
      maxRedirects = config.maxRedirects;
      allowLinkLocal = config.allowLinkLocal;
      retry = config.retry;
      sslContext = config.sslContext;
      tokenRefreshMargin = config.tokenRefreshMargin;
      clock = config.clock;
      maxPoolSize = config.maxPoolSize;
      maxPools = config.maxPools;
      databaseConnectTimeout = config.databaseConnectTimeout;
      statementTimeout = config.statementTimeout;
      maxRows = config.maxRows;
      smtpTimeout = config.smtpTimeout;
      modelBaseUrl = config.modelBaseUrl;
      modelTimeout = config.modelTimeout;
    }

    public Builder httpTimeout(Duration value) {
      httpTimeout = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      connectTimeout = value;
      return this;
    }

    public Builder maxResponseBytes(long value) {
      maxResponseBytes = value;
      return this;
    }

    public Builder maxRedirects(int value) {
      maxRedirects = value;
      return this;
    }

    public Builder allowLinkLocal(boolean value) {
      allowLinkLocal = value;
      return this;
    }

    public Builder retry(RetryPolicy value) {
      retry = value;
      return this;
    }

    public Builder sslContext(SSLContext value) {
      sslContext = value;
      return this;
    }

    public Builder tokenRefreshMargin(Duration value) {
      tokenRefreshMargin = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    public Builder maxPoolSize(int value) {
      maxPoolSize = value;
      return this;
    }

    public Builder maxPools(int value) {
      maxPools = value;
      return this;
    }

    public Builder databaseConnectTimeout(Duration value) {
      databaseConnectTimeout = value;
      return this;
    }

    public Builder statementTimeout(Duration value) {
      statementTimeout = value;
      return this;
    }

    public Builder maxRows(int value) {
      maxRows = value;
      return this;
    }

    public Builder smtpTimeout(Duration value) {
      smtpTimeout = value;
      return this;
    }

    public Builder modelBaseUrl(URI value) {
      modelBaseUrl = value;
      return this;
    }

    public Builder modelTimeout(Duration value) {
      modelTimeout = value;
      return this;
    }

    public ToolsConfig build() {
      return new ToolsConfig(
          httpTimeout,
          connectTimeout,
          maxResponseBytes,
          maxRedirects,
          allowLinkLocal,
          retry,
          sslContext,
          tokenRefreshMargin,
          clock,
          maxPoolSize,
          maxPools,
          databaseConnectTimeout,
          statementTimeout,
          maxRows,
          smtpTimeout,
          modelBaseUrl,
          modelTimeout);
    }
  }
}
