package dev.stepline.lambda.probe;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.stepline.aws.DynamoDbExecutionStore;
import dev.stepline.aws.ExecutionTable;
import dev.stepline.aws.MotoServer;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Measures whole-process cold starts: the time from launching a JVM to the first response of one
 * handler, for the evaluate step handler in the deployment jar (reading and writing DynamoDB and
 * reading a secret, all on moto), for a hello-world handler in its own small jar, and for the same
 * hello-world handler beside the deployment jar, which isolates the cost of the jar's size, and for
 * the evaluate step handler after its constructor and SnapStart priming. Given a previous
 * deployment jar as a third argument, it also launches that jar's evaluate step handler, for a
 * before-and-after comparison under the same load. Rounds interleave the variants, and the report
 * gives medians.
 *
 * <p>Run it with {@code bash functions/coldstart-probe.sh [ROUNDS [PREVIOUS_JAR]]}; the results go
 * in docs/benchmarks.md.
 */
public final class ColdStartProbe {
  /** JVM options close to the Lambda java21 runtime's defaults for a 1024 MB function. */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx896m");

  private static final String TABLE = "coldstart";
  private static final String EVALUATE = "EvaluateHandler, evaluate step";
  private static final String EVALUATE_PREVIOUS = "EvaluateHandler, evaluate step, previous jar";
  private static final String EVALUATE_PRIMED =
      "EvaluateHandler, evaluate step, after constructor and priming";
  private static final String SECRET_PREFIX = "stepline/probe/";
  private static final String TASK =
      "name: greet\n"
          + "main:\n"
          + "  - evaluate:\n"
          + "      greeting: $ 'Hello, ' + _['name']\n"
          + "      key_length: $ len(secrets.WEATHER_KEY)\n";

  private ColdStartProbe() {}

  /**
   * One launch: from process start to the response, the used heap after it, and the handler's
   * constructor and invocations as the driver timed them inside the process (the second invocation
   * is -1 when the launch had none).
   */
  record Sample(
      double millis,
      long heapBytes,
      double constructorMillis,
      double invocationMillis,
      double secondInvocationMillis) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path deploymentJar =
        Path.of(args.length > 1 ? args[1] : "functions/target/stepline-functions-lambda.jar");
    Path previousJar = args.length > 2 ? Path.of(args[2]) : null;
    Path work = Files.createTempDirectory("stepline-coldstart");
    Path driver = classesDirectory(work.resolve("driver"), "LambdaDriver");
    Path helloClasses = classesDirectory(work.resolve("hello"), "HelloHandler");
    Path helloJar = helloJar(work.resolve("hello.jar"), helloClasses);

    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    String loadAtStart = loadAverage();
    try (MotoServer.Standalone moto = MotoServer.startStandalone()) {
      DynamoDbClient dynamoDb = moto.endpoint().dynamoDb();
      ExecutionTable.create(dynamoDb, TABLE);
      moto.endpoint()
          .secretsManager()
          .createSecret(r -> r.name(SECRET_PREFIX + "WEATHER_KEY").secretString("tok-PROBE"));
      DynamoDbExecutionStore store = new DynamoDbExecutionStore(dynamoDb, TABLE, null);
      Map<String, String> environment = environment(moto.endpoint().uri().toString());

      for (int round = 0; round < rounds; round++) {
        List<String> executions = new ArrayList<>();
        List<Runnable> runs = new ArrayList<>();
        runs.add(
            () ->
                record(
                    samples,
                    "hello-world handler, own jar",
                    launch(
                        List.of(driver, helloJar),
                        HelloHandler.class.getName(),
                        "{}",
                        environment)));
        runs.add(
            () ->
                record(
                    samples,
                    "hello-world handler, beside the deployment jar",
                    launch(
                        List.of(driver, helloClasses, deploymentJar),
                        HelloHandler.class.getName(),
                        "{}",
                        environment)));
        String coldId = seed(store);
        runs.add(evaluateRun(samples, EVALUATE, driver, deploymentJar, coldId, environment));
        if (previousJar != null) {
          String previousId = seed(store);
          executions.add(previousId);
          runs.add(
              evaluateRun(
                  samples, EVALUATE_PREVIOUS, driver, previousJar, previousId, environment));
        }
        String primedId = seed(store);
        String warmId = seed(store);
        runs.add(
            evaluateRun(
                samples,
                EVALUATE_PRIMED,
                driver,
                deploymentJar,
                primedId,
                environment,
                "prime",
                stepEvent(warmId)));
        Collections.rotate(runs, round);
        runs.forEach(Runnable::run);
        executions.addAll(List.of(coldId, primedId, warmId));
        for (String execution : executions) {
          if (store.findStep(execution, "", "main[0]").isEmpty()) {
            throw new IllegalStateException(
                "the evaluate step of " + execution + " recorded nothing");
          }
        }
      }
    }
    report(samples, rounds, deploymentJar, previousJar, helloJar, loadAtStart);
  }

  /** Returns a launch of the evaluate step handler of {@code jar} on a new seeded execution. */
  private static Runnable evaluateRun(
      Map<String, List<Sample>> samples,
      String variant,
      Path driver,
      Path jar,
      String executionId,
      Map<String, String> environment,
      String... driverOptions) {
    String event = stepEvent(executionId);
    return () ->
        record(
            samples,
            variant,
            launch(
                List.of(driver, jar),
                "dev.stepline.lambda.EvaluateHandler",
                event,
                environment,
                driverOptions));
  }

  private static String stepEvent(String executionId) {
    return "{\"action\":\"step\",\"execution\":\""
        + executionId
        + "\",\"workflow\":\"main\",\"path\":\"main[0]\",\"scope\":\"\"}";
  }

  private static String seed(DynamoDbExecutionStore store) {
    String id = "exec-" + UUID.randomUUID();
    store.createExecution(ExecutionRecord.queued(id, "greet", TASK, "{\"name\":\"Ada\"}"));
    store.updateStatus(id, ExecutionStatus.STARTING);
    store.updateStatus(id, ExecutionStatus.RUNNING);
    return id;
  }

  private static Map<String, String> environment(String endpoint) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", System.getenv("PATH"));
    environment.put("AWS_ENDPOINT_URL", endpoint);
    environment.put("AWS_REGION", "us-east-1");
    environment.put("AWS_ACCESS_KEY_ID", "testing");
    environment.put("AWS_SECRET_ACCESS_KEY", "testing");
    environment.put("STEPLINE_TABLE_NAME", TABLE);
    environment.put("STEPLINE_SECRET_PREFIX", SECRET_PREFIX);
    return environment;
  }

  private static Sample launch(
      List<Path> classpath,
      String handler,
      String event,
      Map<String, String> environment,
      String... driverOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.add("-cp");
    command.add(
        String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    command.add(LambdaDriver.class.getName());
    command.add(handler);
    command.add(event);
    command.addAll(List.of(driverOptions));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().putAll(environment);
    try {
      long started = System.nanoTime();
      Process process = builder.start();
      double millis = -1;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("response ")) {
            millis = (System.nanoTime() - started) / 1e6;
          }
        }
      }
      String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0 || millis < 0) {
        throw new IllegalStateException(handler + " failed:\n" + errors);
      }
      return new Sample(
          millis,
          driverFigure(errors, "heap-used-bytes"),
          driverFigure(errors, "constructor-nanos") / 1e6,
          driverFigure(errors, "invocation-nanos") / 1e6,
          errors.contains("second-invocation-nanos ")
              ? driverFigure(errors, "second-invocation-nanos") / 1e6
              : -1);
    } catch (IOException e) {
      throw new IllegalStateException("Failed to launch " + handler, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Returns the figure the driver printed on standard error as a line {@code NAME VALUE}. */
  private static long driverFigure(String errors, String name) {
    return errors
        .lines()
        .filter(line -> line.startsWith(name + " "))
        .map(line -> Long.parseLong(line.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("the driver printed no " + name));
  }

  private static void record(Map<String, List<Sample>> samples, String variant, Sample sample) {
    samples.computeIfAbsent(variant, key -> new ArrayList<>()).add(sample);
  }

  private static void report(
      Map<String, List<Sample>> samples,
      int rounds,
      Path deploymentJar,
      Path previousJar,
      Path helloJar,
      String loadAtStart)
      throws IOException {
    System.out.printf(
        "Java %s (%s), %d rounds, JVM options %s%nload average (1, 5, 15 min): %s at the start,"
            + " %s at the end%n%n",
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        rounds,
        String.join(" ", JVM_OPTIONS),
        loadAtStart,
        loadAverage());
    System.out.println(
        "| handler | jar size | median to first response | min | max | constructor (median)"
            + " | first invocation (median) | heap used after the first invocation (median) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Map<String, Double> medians = new LinkedHashMap<>();
    for (Map.Entry<String, List<Sample>> variant : samples.entrySet()) {
      List<Sample> runs = variant.getValue();
      List<Double> times = runs.stream().map(Sample::millis).sorted().toList();
      Path jar = deploymentJar;
      if (variant.getKey().contains("own jar")) {
        jar = helloJar;
      } else if (variant.getKey().equals(EVALUATE_PREVIOUS)) {
        jar = previousJar;
      }
      long jarBytes = Files.size(jar);
      System.out.printf(
          "| %s | %.1f MB | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.1f MB |%n",
          variant.getKey(),
          jarBytes / 1e6,
          median(times),
          times.get(0),
          times.get(times.size() - 1),
          median(runs.stream().map(Sample::constructorMillis).toList()),
          median(runs.stream().map(Sample::invocationMillis).toList()),
          median(runs.stream().map(sample -> sample.heapBytes() / 1e6).toList()));
      medians.put(variant.getKey(), median(times));
    }
    double hello = medians.get("hello-world handler, own jar");
    System.out.printf(
        "%nratio of medians to first response, evaluate step / hello-world: %.2f%n",
        medians.get(EVALUATE) / hello);
    List<Sample> primed = samples.get(EVALUATE_PRIMED);
    System.out.printf(
        "first invocation after constructor and priming (median): %.0f ms; the second invocation"
            + " of the same launch, on a warm container (median): %.0f ms%n",
        median(primed.stream().map(Sample::invocationMillis).toList()),
        median(primed.stream().map(Sample::secondInvocationMillis).toList()));
    System.out.printf(
        "ratio, first invocation after priming / hello-world to first response: %.2f%n",
        median(primed.stream().map(Sample::invocationMillis).toList()) / hello);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** Returns the load averages of the last 1, 5 and 15 minutes, as Linux reports them. */
  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.exists(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).trim().split("\\s+");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** Copies the class files of a probe class (and its nested classes) into a fresh directory. */
  private static Path classesDirectory(Path directory, String simpleName)
      throws IOException, URISyntaxException {
    Path source =
        Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path packagePath = Path.of("dev", "stepline", "lambda", "probe");
    Files.createDirectories(directory.resolve(packagePath));
    try (Stream<Path> files = Files.list(source.resolve(packagePath))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.equals(simpleName + ".class") || name.startsWith(simpleName + "$")) {
          Files.copy(file, directory.resolve(packagePath).resolve(name));
        }
      }
    }
    return directory;
  }

  /**
   * Writes a jar of the hello-world handler with aws-lambda-java-core, as a real one would ship.
   */
  private static Path helloJar(Path jar, Path helloClasses) throws IOException, URISyntaxException {
    Path lambdaCore =
        Path.of(
            RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        JarFile core = new JarFile(lambdaCore.toFile());
        Stream<Path> classes = Files.walk(helloClasses)) {
      for (Path file : classes.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(helloClasses.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
      for (Enumeration<JarEntry> entries = core.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
          continue;
        }
        out.putNextEntry(new JarEntry(entry.getName()));
        core.getInputStream(entry).transferTo((OutputStream) out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
