package dev.stepline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.expr.Py;
import dev.stepline.template.Templates;
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
  private List<String> templates;
  private JsonNode context;

  @Setup
  public void load() throws IOException {
    try (InputStream mix = getClass().getResourceAsStream("/template-mix.json")) {
      JsonNode root = new ObjectMapper().readTree(mix);
      templates = new ArrayList<>();
      root.get("templates").forEach(node -> templates.add(node.textValue()));
      context = root.get("context");
    }
  }

  /** Builds the names afresh, as each step does. */
  private Map<String, Object> names() {
    Map<String, Object> names = new HashMap<>();
    context
        .fields()
        .forEachRemaining(field -> names.put(field.getKey(), Py.fromJson(field.getValue())));
    return names;
  }

  @Benchmark
  public void renderMix(Blackhole blackhole) {
    Map<String, Object> names = names();
    for (String template : templates) {
      blackhole.consume(Templates.render(template, names));
    }
  }
}
