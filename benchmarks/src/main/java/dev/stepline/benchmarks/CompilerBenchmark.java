package dev.stepline.benchmarks;

import dev.stepline.compile.AslCompiler;
import dev.stepline.compile.Compilation;
import dev.stepline.compile.CompileOptions;
import dev.stepline.task.Task;
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

/**
 * Compiles a generated task and writes its definition as JSON, as {@code stepline compile} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompilerBenchmark {

  @Param({"5000"})
  int steps;

  private Task task;

  @Setup
  public void generate() {
    task = GeneratedTasks.withSteps(steps);
  }

  @Benchmark
  public String compileAndWrite() {
    Compilation compilation = AslCompiler.compile(task, CompileOptions.DEFAULTS);
    return compilation.main().json();
  }
}
