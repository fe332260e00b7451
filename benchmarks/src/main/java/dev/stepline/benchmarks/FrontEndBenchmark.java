package dev.stepline.benchmarks;

import dev.stepline.load.LoadResult;
import dev.stepline.load.TaskLoader;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time to load, and to load and validate, a generated task of {@code steps} steps. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FrontEndBenchmark {

  @Param({"5000"})
  public int steps;

  private String text;
  private final TaskLoader loader = new TaskLoader();
  private final TaskValidator validator = new TaskValidator();

  @Setup
  public void generate() {
    text = GeneratedTask.yaml(steps / GeneratedTask.STEPS_PER_GROUP);
  }

  @Benchmark
  public LoadResult load() {
    return loader.load("generated.yaml", text);
  }

  @Benchmark
  public ValidationResult loadAndValidate() {
    return validator.validate("generated.yaml", text);
  }
}
