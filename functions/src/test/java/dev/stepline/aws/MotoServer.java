package dev.stepline.aws;

import dev.stepline.testing.ExternalTools;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * JUnit extension that runs one {@code moto_server} on a free loopback port for the whole test run
 * and injects its {@link Endpoint} into test constructors and methods. The process stops when the
 * run ends. Without {@code moto_server} on the PATH, tests skip (or fail under {@code
 * -Dstepline.requireTools=true}).
 */
public final class MotoServer implements BeforeAllCallback, ParameterResolver {
  /** The region every client and the server agree on. */
  public static final Region REGION = Region.US_EAST_1;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Endpoint.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).endpoint;
  }

  /**
   * Starts a server outside JUnit, for tools such as the cold-start probe; closing the returned
   * handle stops it.
   */
  public static Standalone startStandalone() {
    Server server = Server.start();
    return new Standalone(server.endpoint, server);
  }

  /** A server started by {@link #startStandalone}. */
  public record Standalone(Endpoint endpoint, AutoCloseable process) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      process.close();
    }
  }

  private static Server running(ExtensionContext context) {
    ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
    return store.getOrComputeIfAbsent(Server.class, key -> Server.start(), Server.class);
  }

  /** The address of the running server, and SDK clients pointed at it with dummy credentials. */
  public record Endpoint(URI uri) {

    public DynamoDbClient dynamoDb() {
      return DynamoDbClient.builder()
          .endpointOverride(uri)
          .region(REGION)
          .credentialsProvider(credentials())
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    public SecretsManagerClient secretsManager() {
      return SecretsManagerClient.builder()
          .endpointOverride(uri)
          .region(REGION)
          .credentialsProvider(credentials())
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    public KmsClient kms() {
      return KmsClient.builder()
          .endpointOverride(uri)
          .region(REGION)
          .credentialsProvider(credentials())
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    public SfnClient stepFunctions() {
      return SfnClient.builder()
          .endpointOverride(uri)
          .region(REGION)
          .credentialsProvider(credentials())
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    /** Forgets every resource of every service, through moto's reset API. */
    public void reset() {
      try {
        HttpURLConnection connection =
            (HttpURLConnection) uri.resolve("/moto-api/reset").toURL().openConnection();
        connection.setRequestMethod("POST");
        int status = connection.getResponseCode();
        connection.disconnect();
        if (status != 200) {
          throw new IllegalStateException("moto reset returned HTTP " + status);
        }
      } catch (IOException e) {
        throw new IllegalStateException("Failed to reset moto at " + uri, e);
      }
    }

    private static StaticCredentialsProvider credentials() {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
  }

  private static final class Server
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Process process;
    private final Endpoint endpoint;

    private Server(Process process, Endpoint endpoint) {
      this.process = process;
      this.endpoint = endpoint;
    }

    static Server start() {
      ExternalTools.require(
          ExternalTools.onPath("moto_server"),
          "moto_server not found on PATH; run bash .ci/setup-tools");
      int port = freePort();
      Process process;
      try {
        Path log = Files.createTempFile("moto-server", ".log");
        process =
            new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new IllegalStateException("Failed to start moto_server", e);
      }
      Server server = new Server(process, new Endpoint(URI.create("http://127.0.0.1:" + port)));
      server.awaitReady();
      return server;
    }

    private void awaitReady() {
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "moto_server exited with status " + process.exitValue() + " before it was ready");
        }
        if (isReady()) {
          return;
        }
        pause();
      }
      close();
      throw new IllegalStateException(
          "moto_server was not ready on " + endpoint.uri() + " after " + START_TIMEOUT);
    }

    private boolean isReady() {
      try {
        HttpURLConnection connection =
            (HttpURLConnection) endpoint.uri().resolve("/moto-api/").toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(5000);
        int status = connection.getResponseCode();
        connection.disconnect();
        return status == 200;
      } catch (IOException e) {
        return false;
      }
    }

    private static void pause() {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto_server", e);
      }
    }

    @Override
    public void close() {
      // The PATH entry may be a wrapper script (pyenv shims are), so stop its children too.
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static int freePort() {
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException("Failed to find a free loopback port", e);
      }
    }
  }
}
