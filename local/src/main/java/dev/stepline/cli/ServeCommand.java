package dev.stepline.cli;

import dev.stepline.local.LocalApi;
import dev.stepline.runtime.seal.Sealer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stepline serve}: serves the HTTP API on 127.0.0.1 on the embedded engine and in-memory
 * stores, until stopped.
 */
@Command(
    name = "serve",
    description = "Serve the HTTP API on 127.0.0.1, running executions on the embedded engine.",
    mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {
  private static final int MAX_PORT = 65535;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "The port on 127.0.0.1; 0 picks a free one (default: 8080).")
  int port;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "The bearer key clients must send (default: the JULEP_API_KEY variable).")
  String apiKey;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description =
          "The JSON or YAML secrets file that /secrets reads and writes (default: a temporary"
              + " file, deleted on exit).")
  Path secretsFile;

  @Mixin SealingKeyOption sealingKey;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    String key = apiKey != null ? apiKey : System.getenv("JULEP_API_KEY");
    if (key == null || key.isBlank()) {
      err.println("error: no API key is set; pass --api-key KEY or set JULEP_API_KEY");
      err.flush();
      return 2;
    }
    if (port < 0 || port > MAX_PORT) {
      err.println(
          "error: --port must be from 0 to "
              + MAX_PORT
              + " (found "
              + port
              + "); pass 0 for a free port");
      err.flush();
      return 2;
    }
    Path secrets = secretsFile != null ? secretsFile : temporarySecretsFile();
    Map<String, String> environment = System.getenv();
    Sealer sealer = sealingKey.sealer(environment);
    try (LocalApi api = new LocalApi(key, secrets, port, environment, sealer)) {
      err.println("Serving the Stepline API on http://127.0.0.1:" + api.port());
      err.flush();
      new CountDownLatch(1).await();
      return 0;
    } catch (BindException e) {
      err.println(
          "error: failed to listen on 127.0.0.1:"
              + port
              + " ("
              + e.getMessage()
              + "); pass another --port, or --port 0 for a free one");
      err.flush();
      return 1;
    }
  }

  private static Path temporarySecretsFile() throws IOException {
    Path directory = Files.createTempDirectory("stepline-secrets");
    Path file = directory.resolve("secrets.json");
    file.toFile().deleteOnExit();
    directory.toFile().deleteOnExit();
    return file;
  }
}
