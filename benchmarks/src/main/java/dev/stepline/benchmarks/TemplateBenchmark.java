package dev.stepline.benchmarks;

import dev.stepline.template.Templates;
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
 * Renders a typical mix of task templates ({@code template-mix.json}, which {@code
 * jinja2_template_mix.py} times with Jinja2 too). One operation renders every template of the mix
 * once, with parsed templates cached as the runtime caches them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TemplateBenchmark {
  private Mix mix;

  @Setup
  public void load() throws IOException {
    mix = Mix.load("/template-mix.json", "templates");
  }

  @Benchmark
  public void renderMix(Blackhole blackhole) {
    Map<String, Object> names = mix.names();
    for (String template : mix.sources()) {
      blackhole.consume(Templates.render(template, names));
    }
  }
}
