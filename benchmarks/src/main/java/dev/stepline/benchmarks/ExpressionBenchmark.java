package dev.stepline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.expr.Expressions;
import dev.stepline.expr.Py;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
  private List<String> expressions;
  private JsonNode context;

  @Setup
  public void load() throws IOException {
    try (InputStream mix = getClass().getResourceAsStream("/expression-mix.json")) {
      JsonNode root = new ObjectMapper().readTree(mix);
      expressions = new ArrayList<>();
      root.get("expressions").forEach(node -> expressions.add(node.textValue()));
      context = root.get("context");
    }
  }

  /** Builds the names afresh, as each step does, so no evaluation sees another's mutations. */
  private Map<String, Object> names() {
    Map<String, Object> names = new HashMap<>();
    context
        .fields()
        .forEachRemaining(field -> names.put(field.getKey(), Py.fromJson(field.getValue())));
    return names;
  }

  @Benchmark
  public void evaluateMix(Blackhole blackhole) {
    Map<String, Object> names = names();
    for (String expression : expressions) {
      blackhole.consume(Expressions.evaluate(expression, names));
    }
  }

  @Benchmark
  public void buildContextOnly(Blackhole blackhole) {
    blackhole.consume(names());
  }
}
