package dev.stepline.benchmarks;

import dev.stepline.expr.Expressions;
import java.io.IOException;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Evaluates a typical mix of task expressions ({@code expression-mix.json}, which {@code
 * simpleeval_mix.py} times in CPython too). One operation evaluates every expression of the mix
 * once, with parsed expressions cached as the runtime caches them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExpressionBenchmark {
  private Mix mix;

  @Setup
  public void load() throws IOException {
    mix = Mix.load("/expression-mix.json", "expressions");
  }

  @Benchmark
  public void evaluateMix(Blackhole blackhole) {
    Map<String, Object> names = mix.names();
    for (String expression : mix.sources()) {
      blackhole.consume(Expressions.evaluate(expression, names));
    }
  }

  @Benchmark
  public void buildContextOnly(Blackhole blackhole) {
    blackhole.consume(mix.names());
  }
}
