package dev.stepline.tools.http;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.tools.AddressPolicy;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.ToolsConfig;
import dev.stepline.tools.ToolsConfig.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends HTTP requests for tools and model clients with the JDK client. It checks the target address
 * before every connection (redirects included) and follows redirects itself. It bounds the body
 * size and the time of the whole exchange, and retries transient failures with backoff.
 *
 * <p>Requests are retried when they could not have been processed: connection refused, 429 and 503,
 * for every method; after a read timeout, 502 or 504 only for idempotent methods, because the
 * server may have acted on the first attempt.
 */
public final class HttpTransport {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final Set<String> IDEMPOTENT =
      Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization");

  private final HttpClient client;
  private final ToolsConfig config;
  private final AddressPolicy addressPolicy;

  public HttpTransport(ToolsConfig config) {
    this.config = config;
    this.addressPolicy = new AddressPolicy(config.allowLinkLocal());
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.connectTimeout());
    if (config.sslContext() != null) {
      builder.sslContext(config.sslContext());
    }
    this.client = builder.build();
  }

  /**
   * One request.
   *
   * @param toolName the tool (or model client) that sends it, for messages
   * @param headers header names and values; names compare case-insensitively
   * @param body the body, or {@code null} for none
   * @param timeout time for the whole exchange of one attempt, body included
   * @param checkAddress whether the target must pass the {@link AddressPolicy}; false only for
   *     endpoints an operator configured
   * @param deployed whether loopback targets are refused
   */
  public record Request(
      String toolName,
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      Duration timeout,
      boolean followRedirects,
      boolean checkAddress,
      boolean deployed) {}

  /**
   * A received response.
   *
   * @param headers header names in lower case; repeated headers joined with {@code ", "}
   * @param uri the URL that returned this response, after redirects
   */
  public record Response(int statusCode, Map<String, String> headers, byte[] body, URI uri) {}

  /** Sends the request, retrying transient failures; returns the final response of any status. */
  public Response send(Request request) {
    RetryPolicy retry = config.retry();
    for (int attempt = 1; ; attempt++) {
      boolean lastAttempt = attempt >= retry.maxAttempts();
      Response response;
      try {
        response = sendFollowingRedirects(request);
      } catch (TransientFailure failure) {
        if (lastAttempt || !(failure.notSent || isIdempotent(request.method()))) {
          throw failure.error;
        }
        pause(request, attempt, failure.error.type(), backoff(retry, attempt));
        continue;
      }
      Duration wait = retryWait(request, response, attempt, retry);
      if (lastAttempt || wait == null) {
        return response;
      }
      pause(request, attempt, "status " + response.statusCode(), wait);
    }
  }

  private Duration retryWait(Request request, Response response, int attempt, RetryPolicy retry) {
    int status = response.statusCode();
    boolean retryable =
        status == 429
            || status == 503
            || ((status == 502 || status == 504) && isIdempotent(request.method()));
    if (!retryable) {
      return null;
    }
    Duration retryAfter = parseRetryAfter(response.headers().get("retry-after"));
    if (retryAfter == null) {
      return backoff(retry, attempt);
    }
    // A server that requests a longer pause than the policy allows gets its error now, rather
    // than a retry that it has announced it will reject.
    return retryAfter.compareTo(retry.maxBackoff()) > 0 ? null : retryAfter;
  }

  private Response sendFollowingRedirects(Request request) throws TransientFailure {
    Request current = request;
    for (int redirects = 0; ; redirects++) {
      if (current.checkAddress()) {
        addressPolicy.check(current.toolName(), current.uri().getHost(), current.deployed());
      }
      Response response = exchange(current);
      String location = response.headers().get("location");
      if (!current.followRedirects()
          || !REDIRECTS.contains(response.statusCode())
          || location == null) {
        return response;
      }
      if (redirects >= config.maxRedirects()) {
        throw new ToolException(
            ToolErrors.HTTP,
            "tool '"
                + request.toolName()
                + "': "
                + request.method()
                + " "
                + HttpStatusErrors.describe(request.uri())
                + " redirected more than "
                + config.maxRedirects()
                + " times",
            response.statusCode(),
            null);
      }
      current = redirected(current, response.statusCode(), location);
    }
  }

  /** Builds the request that a redirect points to, as browsers and httpx do. */
  private Request redirected(Request request, int status, String location) {
    URI target = request.uri().resolve(location.trim());
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ToolException(
          ToolErrors.HTTP,
          "tool '" + request.toolName() + "': redirect to an unsupported scheme '" + scheme + "'",
          status,
          null);
    }
    String method = request.method();
    byte[] body = request.body();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(request.headers());
    boolean becomesGet =
        (status == 303 && !method.equals("HEAD"))
            || ((status == 301 || status == 302) && method.equals("POST"));
    if (becomesGet) {
      method = "GET";
      body = null;
      headers.remove("content-type");
    }
    if (!sameOrigin(request.uri(), target)) {
      CREDENTIAL_HEADERS.forEach(headers::remove);
    }
    return new Request(
        request.toolName(),
        method,
        target,
        headers,
        body,
        request.timeout(),
        true,
        request.checkAddress(),
        request.deployed());
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private Response exchange(Request request) throws TransientFailure {
    HttpRequest httpRequest = build(request);
    // NOTE: the JDK client resolves the host again when it connects, so a DNS answer that changes
    // between the address check and the connection (DNS rebinding) is not caught.
    Future<HttpResponse<byte[]>> future =
        client.sendAsync(httpRequest, LimitedBodySubscriber.handler(config.maxResponseBytes()));
    try {
      HttpResponse<byte[]> response =
          future.get(request.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return new Response(
          response.statusCode(), flatten(response.headers().map()), response.body(), request.uri());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timedOut(request, false, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ToolException(
          ToolErrors.CONNECTION, "tool '" + request.toolName() + "': the call was interrupted", e);
    } catch (ExecutionException e) {
      Exception failure = classify(request, e.getCause());
      if (failure instanceof TransientFailure transientFailure) {
        throw transientFailure;
      }
      throw (ToolException) failure;
    }
  }

  private HttpRequest build(Request request) {
    HttpRequest.BodyPublisher body =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(request.timeout())
            .method(request.method(), body);
    if (request.uri().getScheme().equalsIgnoreCase("http")) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-length")) {
        continue; // The client computes it from the body.
      }
      if (RESTRICTED_HEADERS.contains(name)) {
        throw new ToolException(
            ToolErrors.VALUE,
            "tool '"
                + request.toolName()
                + "': the header '"
                + header.getKey()
                + "' is set by the HTTP client; remove it from the tool");
      }
      try {
        builder.header(header.getKey(), header.getValue());
      } catch (IllegalArgumentException e) {
        throw new ToolException(
            ToolErrors.VALUE,
            "tool '"
                + request.toolName()
                + "': invalid header name or value for '"
                + header.getKey()
                + "'");
      }
    }
    return builder.build();
  }

  private Exception classify(Request request, Throwable cause) {
    for (Throwable error = cause; error != null; error = error.getCause()) {
      if (error instanceof LimitedBodySubscriber.BodyTooLargeException) {
        return new ToolException(
            ToolErrors.RESPONSE_TOO_LARGE,
            "tool '"
                + request.toolName()
                + "': the response of "
                + request.method()
                + " "
                + HttpStatusErrors.describe(request.uri())
                + " exceeds the limit of "
                + config.maxResponseBytes()
                + " bytes",
            error);
      }
      if (error instanceof HttpConnectTimeoutException) {
        return new TransientFailure(timedOut(request, true, error).error, true);
      }
      if (error instanceof HttpTimeoutException) {
        return timedOut(request, false, error);
      }
      if (error instanceof ConnectException) {
        return new TransientFailure(
            new ToolException(
                ToolErrors.CONNECTION,
                "tool '"
                    + request.toolName()
                    + "': failed to connect to "
                    + HttpStatusErrors.describe(request.uri())
                    + ": connection refused",
                error),
            true);
      }
    }
    String reason =
        cause instanceof IOException && cause.getMessage() != null
            ? cause.getMessage()
            : String.valueOf(cause);
    return new TransientFailure(
        new ToolException(
            ToolErrors.CONNECTION,
            "tool '"
                + request.toolName()
                + "': "
                + request.method()
                + " "
                + HttpStatusErrors.describe(request.uri())
                + " failed: "
                + reason,
            cause),
        false);
  }

  private static TransientFailure timedOut(Request request, boolean connecting, Throwable cause) {
    String attempted = connecting ? "connecting to " : request.method() + " ";
    return new TransientFailure(
        new ToolException(
            ToolErrors.TIMEOUT,
            "tool '"
                + request.toolName()
                + "': "
                + attempted
                + HttpStatusErrors.describe(request.uri())
                + " timed out after "
                + request.timeout().toMillis()
                + " ms",
            cause),
        connecting);
  }

  private static Map<String, String> flatten(Map<String, List<String>> headers) {
    Map<String, String> flat = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          if (!name.startsWith(":")) {
            flat.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
          }
        });
    return Collections.unmodifiableMap(flat);
  }

  private static boolean isIdempotent(String method) {
    return IDEMPOTENT.contains(method);
  }

  private static Duration backoff(RetryPolicy retry, int attempt) {
    long ceiling =
        Math.min(
            retry.maxBackoff().toMillis(),
            retry.initialBackoff().toMillis() * (1L << Math.min(attempt - 1, 20)));
    return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  static Duration parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    if (text.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    try {
      ZonedDateTime date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(ZonedDateTime.now(date.getZone()), date);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void pause(Request request, int attempt, String reason, Duration wait) {
    LOG.warn(
        "Retrying {} {} for tool '{}' after {} (attempt {} failed, waiting {} ms)",
        request.method(),
        HttpStatusErrors.describe(request.uri()),
        request.toolName(),
        reason,
        attempt,
        wait.toMillis());
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolException(
          ToolErrors.CONNECTION, "tool '" + request.toolName() + "': the call was interrupted", e);
    }
  }

  /**
   * A failure that may succeed on another attempt.
   *
   * @param notSent true when the request never reached the server, so any method may be retried
   */
  private static final class TransientFailure extends Exception {
    final ToolException error;
    final boolean notSent;

    TransientFailure(ToolException error, boolean notSent) {
      super(error.getMessage(), null, false, false);
      this.error = error;
      this.notSent = notSent;
    }
  }
}
