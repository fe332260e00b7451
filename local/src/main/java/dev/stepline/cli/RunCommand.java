package dev.stepline.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.diag.Diagnostic;
import dev.stepline.diag.InvalidTaskException;
import dev.stepline.local.LocalRun;
import dev.stepline.local.StepProgress;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.StepActions;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepIndex;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import dev.stepline.runtime.StepRunner;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretException;
import dev.stepline.runtime.secrets.SecretMasker;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import dev.stepline.task.Task;
import dev.stepline.tools.ToolRegistry;
import dev.stepline.tools.ToolsConfig;
import dev.stepline.validate.InputCheck;
import dev.stepline.validate.TaskFiles;
import dev.stepline.validate.UnreadableTaskFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stepline run}: compiles a task, runs it on the embedded engine, prints one progress line
 * per step on stderr and the output as JSON on stdout. Every line it prints has the secret values
 * read during the run replaced by {@code ***}.
 */
@Command(
    name = "run",
    description = "Run a task on the embedded engine and print its output as JSON.",
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TASK", description = "The task file (YAML).")
  Path taskFile;

  @Option(
      names = "--input",
      paramLabel = "JSON|@FILE",
      defaultValue = "{}",
      description =
          "The execution input: JSON text, or @FILE to read it from a file (default: {}).")
  String input;

  /** The execution store of the run; tests read it after the run. */
  final InMemoryExecutionStore store = new InMemoryExecutionStore();

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description =
          "A JSON or YAML file of secrets; environment variables STEPLINE_SECRET_<NAME> are read"
              + " too.")
  Path secretsFile;

  @Mixin SealingKeyOption sealingKey;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Write the execution record, its transitions and the engine history to FILE as JSON.")
  Path traceFile;

  @Option(
      names = "--answer",
      paramLabel = "JSON",
      description =
          "The answer of a wait_for_input step, as JSON; repeat it for several waits, in order."
              + " Without it, the run asks on the terminal.")
  List<String> answers = List.of();

  @Option(
      names = "--fast-waits",
      description = "Skip the time of sleep steps and Wait states, for tests.")
  boolean fastWaits;

  @Option(names = "--debug", description = "Print stack traces of internal errors.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    try {
      return run(out, err);
    } catch (UsageProblem e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (InvalidTaskException e) {
      e.diagnostics().stream().map(Diagnostic::format).forEach(err::println);
      return 1;
    } catch (UnreadableTaskFileException e) {
      err.println(e.format());
      return 1;
    } catch (SecretException e) {
      err.println(e.getMessage());
      return 1;
    } catch (LocalRun.InvalidCompilationException e) {
      e.problems().stream().map(Diagnostic::format).forEach(err::println);
      return 1;
    } catch (RuntimeException e) {
      if (debug) {
        e.printStackTrace(err);
      }
      err.println("error: " + e.getMessage() + " (rerun with --debug for details)");
      return 1;
    } finally {
      err.flush();
      out.flush();
    }
  }

  private int run(PrintWriter out, PrintWriter err) throws InterruptedException {
    Task task = TaskFiles.readValid(taskFile);
    String taskText = readText(taskFile, "task file");
    String inputJson = inputJson();
    List<Diagnostic> inputProblems =
        InputCheck.check(
            task, JsonValues.mapper().valueToTree(JsonValues.fromJson(inputJson)), inputName());
    if (!inputProblems.isEmpty()) {
      inputProblems.stream().map(Diagnostic::format).forEach(err::println);
      return 1;
    }
    LocalSecretStore secrets = new LocalSecretStore(secretsFile, System.getenv());
    secrets.check();
    SecretMasker masker = new SecretMasker();
    StepIndex index = new StepIndex(task);

    try (ToolRegistry tools = new ToolRegistry(ToolsConfig.fromEnvironment(System.getenv()))) {
      StepRunner runner =
          StepRunner.builder()
              .store(store)
              .sealer(sealingKey.sealer(System.getenv()))
              .secrets(secrets)
              .masker(masker)
              .tasks(execution -> task)
              .tools(List.of(tools))
              .models(tools.modelClient())
              .build();
      ProgressLines progress = new ProgressLines(err, index, masker);
      LocalRun run = new LocalRun(task, taskText, runner, progress, fastWaits);
      LocalRun.Outcome outcome = run.run(inputJson, answerSource(err));
      if (traceFile != null) {
        writeTrace(runner, outcome, masker);
      }
      if (!outcome.succeeded()) {
        Failure failure = outcome.failure();
        String where = failure.path().isEmpty() ? "" : failure.path() + ": ";
        String at =
            index
                .find(failure.path())
                .map(step -> " (at " + step.step().info().position() + ")")
                .orElse("");
        err.println(
            "error: " + where + failure.type() + ": " + masker.mask(failure.message()) + at);
        return 1;
      }
      out.println(pretty(outcome.output()));
      return 0;
    }
  }

  private String inputJson() {
    String text =
        input.startsWith("@") ? readText(Path.of(input.substring(1)), "input file") : input;
    try {
      return JsonValues.toJson(JsonValues.fromJson(text));
    } catch (IllegalArgumentException e) {
      throw new UsageProblem(
          "--input is not valid JSON ("
              + e.getMessage()
              + "); pass a JSON"
              + " value such as '{\"name\": \"Ada\"}' or @FILE");
    }
  }

  private String inputName() {
    return input.startsWith("@") ? input.substring(1) : "--input";
  }

  private LocalRun.Answers answerSource(PrintWriter err) {
    Deque<String> given = new ArrayDeque<>(answers);
    BufferedReader terminal =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return (path, shownJson) -> {
      if (!given.isEmpty()) {
        return checkedAnswer(given.removeFirst(), path);
      }
      err.println(path + " waits for input: " + shownJson);
      err.print("answer (JSON)> ");
      err.flush();
      try {
        String line = terminal.readLine();
        if (line == null) {
          throw new UsageProblem(
              path + " waits for input and the terminal has no more; pass --answer JSON");
        }
        return isJson(line) ? line : JsonValues.toJson(line);
      } catch (IOException e) {
        throw new UncheckedIOException("Failed to read the answer from the terminal", e);
      }
    };
  }

  private static String checkedAnswer(String answer, String path) {
    if (!isJson(answer)) {
      throw new UsageProblem(
          "--answer for "
              + path
              + " is not valid JSON (found "
              + answer
              + "); quote strings,"
              + " as in --answer '\"yes\"'");
    }
    return answer;
  }

  private static boolean isJson(String text) {
    try {
      JsonValues.fromJson(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void writeTrace(StepRunner runner, LocalRun.Outcome outcome, SecretMasker masker) {
    ObjectNode trace = TraceDocument.of(runner.store(), outcome);
    try {
      String text = JsonValues.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(trace);
      Files.writeString(traceFile, masker.mask(text) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the trace file " + traceFile, e);
    }
  }

  private static String readText(Path file, String what) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      String cause = UnreadableTaskFileException.plainCause(file, e);
      throw new UsageProblem(
          "cannot read the " + what + " " + file + " (" + cause + "); check the path");
    }
  }

  /** Returns JSON text indented by two spaces, with {@code "key": value} spacing. */
  static String pretty(String json) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    try {
      JsonNode tree = JsonValues.mapper().readTree(json);
      return JsonValues.mapper().writer(printer).writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A problem with the command line or its files, reported without a stack trace. */
  static final class UsageProblem extends RuntimeException {
    UsageProblem(String message) {
      super(message);
    }
  }

  /** Prints one line per step: status, path, kind, duration and, for failures, the error. */
  static final class ProgressLines implements StepProgress {
    // Actions of the execution as a whole, not of a step, print no line.
    private static final java.util.Set<String> EXECUTION_ACTIONS =
        java.util.Set.of(StepActions.START, StepActions.FINISH, StepActions.FAIL);

    private final PrintWriter err;
    private final StepIndex index;
    private final SecretMasker masker;

    ProgressLines(PrintWriter err, StepIndex index, SecretMasker masker) {
      this.err = err;
      this.index = index;
      this.masker = masker;
    }

    @Override
    public void stepEnded(
        StepRequest request, Duration elapsed, StepResult result, StepFailedException failure) {
      if (EXECUTION_ACTIONS.contains(request.action())) {
        return;
      }
      String kind = index.find(request.path()).map(l -> l.step().kindName()).orElse("step");
      StringBuilder line = new StringBuilder();
      line.append(failure == null ? "ok     " : "failed ").append(request.path());
      if (request.scope() != null && !request.scope().isEmpty()) {
        line.append(" in ").append(request.scope());
      }
      line.append("  ").append(kind);
      if (!StepActions.STEP.equals(request.action())) {
        line.append(" (").append(request.action()).append(")");
      }
      line.append("  ").append(elapsed.toMillis()).append(" ms");
      if (failure != null) {
        line.append("  ").append(failure.type()).append(": ").append(failure.reason());
      } else if (request.token() != null) {
        line.append("  waiting for input");
      }
      synchronized (err) {
        err.println(masker.mask(line.toString()));
        err.flush();
      }
    }
  }
}
