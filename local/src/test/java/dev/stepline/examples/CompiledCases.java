package dev.stepline.examples;

import dev.stepline.compile.AslCompiler;
import dev.stepline.compile.Compilation;
import dev.stepline.compile.CompileOptions;
import dev.stepline.compile.StateMachine;
import dev.stepline.local.HandlerArns;
import dev.stepline.task.Task;
import dev.stepline.testing.ExternalTools;
import dev.stepline.validate.TaskFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The compiled tasks that the differential suite runs on the embedded engine and on
 * aws-local-stepfunctions: every bundled example and every golden case of the compiler that can run
 * there, each with the input it runs with. {@link #EXCLUDED_GOLDENS} lists the golden cases left
 * out and why.
 */
public final class CompiledCases {
  static final Path EXAMPLES = ExternalTools.repoRoot().resolve("examples");
  static final Path GOLDENS = ExternalTools.repoRoot().resolve("core/src/test/resources/compile");

  /**
   * The input of each golden case that runs; a case not listed runs with {@code {}}.
   *
   * <p>NOTE: the {@code prompt} case names no model key, so the loopback model peer rejects it and
   * both engines must fail it with the same {@code AuthenticationError}; the {@code error-handling}
   * example covers a prompt that succeeds.
   */
  static final Map<String, String> GOLDEN_INPUTS =
      Map.ofEntries(
          Map.entry("error-literal", "{\"ok\": false}"),
          Map.entry("evaluate", "{\"a\": 1, \"b\": 2}"),
          Map.entry("foreach", "{\"items\": [1, 2]}"),
          Map.entry("foreach-in-if", "{\"items\": [\"a\", \"b\"]}"),
          Map.entry("if-else", "{\"tier\": 2}"),
          Map.entry("if-in-foreach", "{\"items\": [1, 2, 3]}"),
          Map.entry("if-without-else", "{\"flag\": true}"),
          Map.entry("map-reduce", "{\"words\": [\"x\", \"y\", \"z\"]}"),
          Map.entry("parallel-in-map", "{\"pages\": [{\"title\": \"a\", \"links\": [\"x\"]}]}"),
          Map.entry("prompt", "{\"name\": \"Ada\"}"),
          Map.entry("switch", "{\"n\": 2}"),
          Map.entry("switch-in-parallel", "{\"a\": true}"),
          Map.entry("try-in-foreach", "{\"urls\": [\"a\", \"bb\"]}"));

  /** Golden cases the suite does not run, with the reason. */
  static final Map<String, String> EXCLUDED_GOLDENS =
      Map.of(
          "function-tool",
          "uses .waitForTaskToken, which aws-local-stepfunctions 3 does not implement",
          "wait-for-input",
          "uses .waitForTaskToken, which aws-local-stepfunctions 3 does not implement",
          "return-in-loop",
          "does not compile: return inside a loop is a compile error",
          "tool",
          "calls https://example.com, and tests make no call outside 127.0.0.1",
          "try-catch",
          "calls https://example.com, and tests make no call outside 127.0.0.1");

  private CompiledCases() {}

  /**
   * One compiled task with its input.
   *
   * @param name {@code example <folder>} or {@code golden <folder>}
   * @param directory the folder of {@code task.yaml}
   * @param input the execution input as JSON text
   * @param expected the expected output file of an example, or {@code null}
   */
  public record Case(String name, Path directory, String input, Path expected) {
    public Path taskFile() {
      return directory.resolve("task.yaml");
    }

    public Task task() {
      return TaskFiles.readValid(taskFile());
    }

    /** Returns the example's {@code secrets.json} with placeholders, or {@code null}. */
    public Path secretsTemplate() {
      Path secrets = directory.resolve("secrets.json");
      return Files.exists(secrets) ? secrets : null;
    }

    /**
     * Compiles the task and returns each state machine by its ARN, main first, with every
     * DefinitionSubstitution filled in: the step handlers' ARNs of {@link HandlerArns} and an ARN
     * per recursive workflow.
     */
    public Map<String, String> machines() {
      Compilation compilation = AslCompiler.compile(task(), CompileOptions.DEFAULTS);
      if (compilation.hasErrors()) {
        throw new IllegalStateException(name + " does not compile: " + compilation.problems());
      }
      Map<String, String> substitutions = new LinkedHashMap<>(HandlerArns.functionSubstitutions());
      for (StateMachine machine : compilation.machines()) {
        if (!machine.isMain()) {
          substitutions.put(machine.arnSubstitution(), machineArn(machine.workflow()));
        }
      }
      Map<String, String> machines = new LinkedHashMap<>();
      machines.put(machineArn("main"), substitute(compilation.main().json(), substitutions));
      for (StateMachine machine : compilation.machines()) {
        if (!machine.isMain()) {
          machines.put(machineArn(machine.workflow()), substitute(machine.json(), substitutions));
        }
      }
      return machines;
    }

    public String mainArn() {
      return machineArn("main");
    }

    private String machineArn(String workflow) {
      return HandlerArns.stateMachine((name + "-" + workflow).replaceAll("[^A-Za-z0-9_-]", "_"));
    }
  }

  /** Returns every case: the examples, then the golden cases that run, each sorted by name. */
  public static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    for (String example : BundledExamples.names()) {
      Path directory = EXAMPLES.resolve(example);
      Path expected = directory.resolve("expected.json");
      if (!Files.exists(expected)) {
        expected = directory.resolve("expected-output.json");
      }
      cases.add(
          new Case(
              "example " + example, directory, read(directory.resolve("input.json")), expected));
    }
    for (String golden : goldenNames()) {
      if (!EXCLUDED_GOLDENS.containsKey(golden)) {
        cases.add(
            new Case(
                "golden " + golden,
                GOLDENS.resolve(golden),
                GOLDEN_INPUTS.getOrDefault(golden, "{}"),
                null));
      }
    }
    return cases;
  }

  /** Returns the folder names of every golden case of the compiler. */
  static List<String> goldenNames() {
    try (Stream<Path> folders = Files.list(GOLDENS)) {
      return folders
          .filter(folder -> Files.exists(folder.resolve("task.yaml")))
          .map(folder -> folder.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String substitute(String definition, Map<String, String> substitutions) {
    String filled = definition;
    for (Map.Entry<String, String> entry : substitutions.entrySet()) {
      filled = filled.replace("${" + entry.getKey() + "}", entry.getValue());
    }
    return filled;
  }
}
