package dev.stepline.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Times secret resolution through {@link SecretsManagerSecretStore} and sealing through {@link
 * KmsSealer} against moto's server on 127.0.0.1, first call against cached call, and prints the
 * medians that docs/benchmarks.md records. Usage: {@code SecretsLatencyProbe ROUNDS}.
 *
 * <p>A "first" call uses a new store or sealer, so it makes the AWS request; a "cached" call
 * repeats on the same one. The first call of each kind in the JVM is printed on its own, because it
 * also loads that code path's classes (the setup requests have already built the SDK clients).
 */
public final class SecretsLatencyProbe {
  private static final String NAME = "API_TOKEN";
  private static final String VALUE = "sk-live-4f9c2a7e1b8d3c6f0a5e9d2b7c4f1a8e";

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    try (MotoServer.Standalone moto = MotoServer.startStandalone()) {
      SecretsManagerClient secretsManager = moto.endpoint().secretsManager();
      KmsClient kms = moto.endpoint().kms();
      secretsManager.createSecret(r -> r.name("stepline/bench/" + NAME).secretString(VALUE));
      String keyId = kms.createKey(r -> r.description("stepline bench")).keyMetadata().keyId();

      Supplier<SecretsManagerSecretStore> newStore =
          () ->
              new SecretsManagerSecretStore(
                  secretsManager, "stepline/bench/", Duration.ofMinutes(5));
      Supplier<KmsSealer> newSealer =
          () ->
              new KmsSealer(
                  kms,
                  keyId,
                  Map.of("stepline", "bench"),
                  Duration.ofMinutes(5),
                  Clock.systemUTC());

      printOnce("secret read, first in this JVM", () -> newStore.get().find(NAME));
      printOnce("KMS seal, first in this JVM", () -> newSealer.get().seal(VALUE, "exec-1"));

      print("secret read, first (GetSecretValue)", rounds, () -> newStore.get().find(NAME));
      SecretsManagerSecretStore store = newStore.get();
      store.find(NAME);
      print("secret read, cached", rounds, () -> store.find(NAME));

      print(
          "KMS seal, first (GenerateDataKey)", rounds, () -> newSealer.get().seal(VALUE, "exec-1"));
      KmsSealer sealer = newSealer.get();
      String sealed = sealer.seal(VALUE, "exec-1");
      print("KMS seal, cached data key", rounds, () -> sealer.seal(VALUE, "exec-1"));
      print("KMS unseal, first (Decrypt)", rounds, () -> newSealer.get().unseal(sealed, "exec-1"));
      print("KMS unseal, cached data key", rounds, () -> sealer.unseal(sealed, "exec-1"));
    }
  }

  private static void printOnce(String name, Runnable call) {
    long start = System.nanoTime();
    call.run();
    System.out.printf("%-40s %10.3f ms%n", name, (System.nanoTime() - start) / 1e6);
  }

  /** Runs {@code call} ROUNDS times after as many warm-up calls and prints the median. */
  private static void print(String name, int rounds, Runnable call) {
    for (int i = 0; i < rounds; i++) {
      call.run();
    }
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      call.run();
      times.add(System.nanoTime() - start);
    }
    Collections.sort(times);
    System.out.printf(
        "%-40s %10.3f ms median, %.3f ms p90 (%d calls)%n",
        name, times.get(rounds / 2) / 1e6, times.get(rounds * 9 / 10) / 1e6, rounds);
  }
}
