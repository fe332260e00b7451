package dev.stepline.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import dev.stepline.engine.AslEngine;
import dev.stepline.engine.ExecutionResult;
import dev.stepline.engine.ExecutionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures executions per second of a 20-state machine with a trivial task handler on the embedded
 * engine and on aws-local-stepfunctions, both one execution at a time, and prints them side by side
 * with the ratio. The rate per second of process CPU time is printed too, because it varies less
 * than wall-clock time on a loaded machine.
 *
 * <p>Arguments: {@code [warmupSeconds] [measureSeconds] [repositoryRoot]}. The root contains {@code
 * .ci/tools/node_modules} with Node.js 22 and aws-local-stepfunctions. Without them only the engine
 * is measured.
 */
public final class EngineThroughput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFINITION = "/engine/twenty-states.asl.json";
  private static final String ORACLE_SCRIPT = "/engine/oracle-throughput.cjs";
  private static final String MACHINE_ARN =
      "arn:aws:states:us-east-1:123456789012:stateMachine:twenty-states";

  private EngineThroughput() {}

  public static void main(String[] args) throws Exception {
    double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    double measure = args.length > 1 ? Double.parseDouble(args[1]) : 20;
    Path root = Path.of(args.length > 2 ? args[2] : ".").toAbsolutePath();
    String definition = resource(DEFINITION);

    Rate engine = measureEngine(definition, warmup, measure);
    System.out.printf(
        "embedded engine:          %,.0f executions/s, %,.0f per CPU second%n",
        engine.perSecond(), engine.perCpuSecond());

    Path node = root.resolve(".ci/tools/node_modules/.bin/node");
    if (!Files.isExecutable(node)) {
      System.out.println("aws-local-stepfunctions:  not measured (no " + node + ")");
      return;
    }
    Rate oracle =
        measureOracle(node, root.resolve(".ci/tools/node_modules"), definition, warmup, measure);
    System.out.printf(
        "aws-local-stepfunctions:  %,.0f executions/s, %,.0f per CPU second%n",
        oracle.perSecond(), oracle.perCpuSecond());
    System.out.printf(
        "ratio:                    %.1fx (wall clock), %.1fx (CPU time)%n",
        engine.perSecond() / oracle.perSecond(), engine.perCpuSecond() / oracle.perCpuSecond());
  }

  /** A measured rate: executions per wall-clock second and per second of process CPU time. */
  record Rate(double perSecond, double perCpuSecond) {}

  private static Rate measureEngine(String definition, double warmup, double measure) {
    ObjectNode ok = JSON.createObjectNode().put("ok", true);
    try (AslEngine engine =
        AslEngine.builder()
            .taskHandler((resource, parameters, token, context) -> ok)
            .keepFinishedExecutions(1000)
            .build()) {
      engine.registerStateMachine(MACHINE_ARN, definition, Map.of());
      JsonNode input = JSON.createObjectNode().put("execution", "bench").put("count", 0);
      runFor(engine, input, warmup);
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuStart = os.getProcessCpuTime();
      long start = System.nanoTime();
      long executions = runFor(engine, input, measure);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      return new Rate(executions / seconds, executions / cpuSeconds);
    }
  }

  private static long runFor(AslEngine engine, JsonNode input, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long executions = 0;
    while (System.nanoTime() < end) {
      ExecutionResult result = engine.startSyncExecution(MACHINE_ARN, null, input);
      if (result.status() != ExecutionStatus.SUCCEEDED) {
        throw new IllegalStateException("benchmark execution failed: " + result);
      }
      executions++;
    }
    return executions;
  }

  private static Rate measureOracle(
      Path node, Path nodeModules, String definition, double warmup, double measure)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("engine-throughput");
    Path script = dir.resolve("oracle-throughput.cjs");
    Path definitionFile = dir.resolve("twenty-states.asl.json");
    Files.writeString(script, resource(ORACLE_SCRIPT));
    Files.writeString(definitionFile, definition);
    Process process =
        new ProcessBuilder(
                node.toString(),
                script.toString(),
                nodeModules.toString(),
                definitionFile.toString(),
                String.valueOf(warmup),
                String.valueOf(measure))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("oracle-throughput.cjs failed: " + output);
    }
    JsonNode rate = JSON.readTree(output);
    return new Rate(rate.get("perSecond").asDouble(), rate.get("perCpuSecond").asDouble());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = EngineThroughput.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
