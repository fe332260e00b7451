package dev.stepline.benchmarks;

import dev.stepline.runtime.seal.AesGcmSealer;
import dev.stepline.runtime.seal.SealingExecutionStore;
import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.runtime.store.StepRecord;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seals and unseals a typical secret value with AES-GCM, and writes then reads one step record
 * through the in-memory store with and without {@link SealingExecutionStore} in front of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SealingBenchmark {
  private static final String EXECUTION = "exec-1";
  private static final String SECRET = "sk-live-4f9c2a7e1b8d3c6f0a5e9d2b7c4f1a8e";
  private static final String CONTEXT = EXECUTION;

  private AesGcmSealer sealer;
  private String sealedSecret;
  private ExecutionStore plain;
  private ExecutionStore sealing;
  private StepRecord stepWithSecret;
  private StepRecord stepWithoutSecret;

  @Setup
  public void prepare() {
    sealer = AesGcmSealer.withRandomKey();
    sealedSecret = sealer.seal(SECRET, CONTEXT);

    SecretMasker masker = new SecretMasker();
    masker.add(SECRET);
    plain = storeWithExecution(new InMemoryExecutionStore());
    sealing =
        storeWithExecution(new SealingExecutionStore(new InMemoryExecutionStore(), sealer, masker));

    String input = "{\"customer\":\"Ada\",\"order\":1042,\"items\":[\"book\",\"lamp\"]}";
    stepWithSecret = step(input, "{\"status\":200,\"token\":\"" + SECRET + "\",\"retries\":0}");
    stepWithoutSecret = step(input, "{\"status\":200,\"token\":\"public\",\"retries\":0}");
  }

  private static ExecutionStore storeWithExecution(ExecutionStore store) {
    store.createExecution(ExecutionRecord.queued(EXECUTION, "bench", "main: []", "{}"));
    return store;
  }

  private static StepRecord step(String input, String output) {
    return new StepRecord("main", "main[2]", "call", "reply", input, output, 0);
  }

  @Benchmark
  public String seal() {
    return sealer.seal(SECRET, CONTEXT);
  }

  @Benchmark
  public String unseal() {
    return sealer.unseal(sealedSecret, CONTEXT);
  }

  @Benchmark
  public StepRecord stepInMemory() {
    return writeAndRead(plain, stepWithSecret);
  }

  @Benchmark
  public StepRecord stepSealingNoSecret() {
    return writeAndRead(sealing, stepWithoutSecret);
  }

  @Benchmark
  public StepRecord stepSealingWithSecret() {
    return writeAndRead(sealing, stepWithSecret);
  }

  private static StepRecord writeAndRead(ExecutionStore store, StepRecord step) {
    store.recordStep(EXECUTION, step);
    return store.findStep(EXECUTION, step.scope(), step.path()).orElseThrow();
  }
}
