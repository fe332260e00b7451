package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.cli.CommandRun.Result;
import dev.stepline.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs tasks through {@code stepline run}: loader, compiler, embedded engine and runtime. */
class RunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void quickstartPrintsExpectedOutput() throws Exception {
    Path example = ExternalTools.repoRoot().resolve("examples/quickstart");

    Result result =
        run(
            example.resolve("task.yaml").toString(),
            "--input",
            "@" + example.resolve("input.json"));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output())
        .isEqualTo(JSON.readTree(example.resolve("expected-output.json").toFile()));
    assertThat(result.err()).contains("ok     main[0]  evaluate");
    assertThat(result.err()).contains("main[1].foreach.do[0] in /main[1]#2  evaluate");
  }

  @Test
  void conditionOnMissingKeyFailsExecution() throws Exception {
    Path task = write("tier.yaml", tierTask("$ _.tier == 1"));

    Result result = run(task.toString(), "--input", "{}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("error: main[0]: ").contains("tier");
    assertThat(result.err()).contains("(at " + task + ":3:");
    assertThat(result.err()).doesNotContain("standard").doesNotContain("main[0].else[0]");
  }

  @Test
  void conditionOnPresentKeyTakesElse() throws Exception {
    Path task = write("tier.yaml", tierTask("$ _.tier == 1"));

    Result result = run(task.toString(), "--input", "{\"tier\": 2}");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output()).isEqualTo(JSON.readTree("{\"route\": \"standard\"}"));
  }

  @Test
  void conditionWithGetOnEmptyInputTakesElse() throws Exception {
    Path task = write("tier.yaml", tierTask("$ _.get('tier') == 1"));

    Result result = run(task.toString(), "--input", "{}");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output()).isEqualTo(JSON.readTree("{\"route\": \"standard\"}"));
  }

  @Test
  void foreachCallingSubworkflowClosesNestedScopes() throws Exception {
    Path task =
        write(
            "paint.yaml",
            """
            name: paint-all
            main:
              - foreach:
                  in: $ ["red", "green"]
                  do:
                    workflow: paint
                    arguments:
                      colour: $ _
            paint:
              - evaluate:
                  painted: $ _["colour"] + "!"
            """);
    Path trace = dir.resolve("trace.json");

    Result result = run(task.toString(), "--trace", trace.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output())
        .isEqualTo(JSON.readTree("[{\"painted\": \"red!\"}, {\"painted\": \"green!\"}]"));
    JsonNode recorded = JSON.readTree(trace.toFile());
    List<String> closed = new ArrayList<>();
    for (JsonNode transition : recorded.get("transitions")) {
      assertThat(transition.get("type").asText()).isNotEqualTo("error");
      if (transition.get("type").asText().equals("finish_branch")) {
        closed.add(transition.get("cursor").get("scope").asText());
      }
    }
    assertThat(closed).contains("/main[0]#1", "/main[0]#1/main[0].foreach.do[0]@");
    for (JsonNode event : recorded.get("history")) {
      assertThat(event.get("type").asText()).doesNotContain("Failed");
    }
    assertThat(recorded.get("execution").get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void twoCallsOfOneSubworkflowAreIsolated() throws Exception {
    Path task =
        write(
            "echo.yaml",
            """
            name: echo-twice
            main:
              - workflow: echo
                arguments: {first_arg: p}
              - evaluate: {first: $ _}
              - workflow: echo
                arguments: {second_arg: q}
              - evaluate:
                  first: $ steps[1].output.first
                  second: $ _
            echo:
              - evaluate: {seen: $ _}
            """);

    Result result = run(task.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output())
        .isEqualTo(
            JSON.readTree(
                "{\"first\": {\"seen\": {\"first_arg\": \"p\"}},"
                    + " \"second\": {\"seen\": {\"second_arg\": \"q\"}}}"));
  }

  @Test
  void outerCatchSeesLiteralErrorOfInnerCatch() throws Exception {
    Path task =
        write(
            "nested.yaml",
            """
            name: nested
            main:
              - kind: try_catch
                try:
                  - kind: try_catch
                    try:
                      - evaluate: {x: $ 1 / 0}
                    catch:
                      - error: inner handler gave up
                catch:
                  - evaluate: {type: $ error.type, message: $ error.message}
            """);

    Result result = run(task.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output())
        .isEqualTo(
            JSON.readTree("{\"type\": \"StepError\", \"message\": \"inner handler gave up\"}"));
  }

  @Test
  void waitForInputTakesAnswer() throws Exception {
    Path task =
        write(
            "ask.yaml",
            """
            name: ask
            main:
              - wait_for_input:
                  info:
                    question: Proceed?
              - evaluate: {answer: $ _}
            """);

    Result result = run(task.toString(), "--answer", "\"yes\"");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output()).isEqualTo(JSON.readTree("{\"answer\": \"yes\"}"));
    assertThat(result.err()).contains("main[0]  wait_for_input").contains("waiting for input");
  }

  @Test
  void secretValuesAreMaskedInOutputAndErrors() throws Exception {
    Path secrets = write("secrets.json", "{\"WEATHER_KEY\": \"tok-TEST-123\"}");
    Path task =
        write(
            "secret.yaml",
            """
            name: secret
            main:
              - evaluate:
                  header: $ f"Bearer {secrets.WEATHER_KEY}"
                  n: $ len(secrets.WEATHER_KEY)
              - evaluate:
                  broken: $ int(secrets.WEATHER_KEY)
            """);
    Path trace = dir.resolve("trace.json");

    Result result =
        run(task.toString(), "--secrets", secrets.toString(), "--trace", trace.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("error: main[1]: ValueError").contains("***");
    assertThat(result.err() + result.out()).doesNotContain("tok-TEST-123");
    assertThat(Files.readString(trace)).doesNotContain("tok-TEST-123").contains("Bearer ***");
  }

  @Test
  void secretSplitIntoCharactersStaysHidden() throws Exception {
    Path secrets = write("secrets.json", "{\"TOKEN\": \"QJXWvkpz\"}");
    Path task =
        write(
            "split.yaml",
            """
            name: split
            main:
              - evaluate:
                  chars: $ list(secrets.TOKEN)
              - evaluate:
                  chars: $ _.chars
                  same: $ "".join(_.chars) == secrets.TOKEN
            """);
    Path trace = dir.resolve("trace.json");

    Result result =
        run(task.toString(), "--secrets", secrets.toString(), "--trace", trace.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output().get("same").asBoolean()).isTrue();
    assertThat(result.output().get("chars")).hasSize(8);
    result.output().get("chars").forEach(c -> assertThat(c.asText()).isEqualTo("***"));
    String traceText = Files.readString(trace);
    for (String c : List.of("Q", "J", "X", "W", "v", "k", "p", "z")) {
      assertThat(traceText).as("trace").doesNotContain("\"" + c + "\"");
      assertThat(result.out()).as("stdout").doesNotContain("\"" + c + "\"");
    }
  }

  @Test
  void missingSecretNamesIt() throws Exception {
    Path secrets = write("secrets.json", "{\"WEATHER_KEY\": \"tok-TEST-123\"}");
    Path task =
        write("secret.yaml", "name: secret\nmain:\n  - evaluate: {k: $ secrets.weather_key}\n");

    Result result = run(task.toString(), "--secrets", secrets.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("secret not found: weather_key").doesNotContain("tok-TEST");
  }

  @Test
  void invalidInputJsonIsReported() throws Exception {
    Path task = write("t.yaml", "name: t\nmain:\n  - evaluate: {x: 1}\n");

    Result result = run(task.toString(), "--input", "{name: Ada}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: --input is not valid JSON");
  }

  @Test
  void inputNotMatchingSchemaIsRejectedBeforeRun() throws Exception {
    Path task =
        write(
            "typed.yaml",
            """
            name: typed
            input_schema:
              type: object
              properties: {n: {type: integer}}
              required: [n]
            main:
              - evaluate: {n: $ _.n}
            """);

    Result wrongType = run(task.toString(), "--input", "{\"n\": \"x\"}");
    Result missing = run(task.toString(), "--input", "{}");

    assertThat(wrongType.exitCode()).isEqualTo(1);
    assertThat(wrongType.out()).isEmpty();
    assertThat(wrongType.err())
        .startsWith("--input:1:1: error: the input does not match `input_schema` at `$.n`")
        .doesNotContain("main[0]");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("required property 'n' not found");
  }

  @Test
  void inputMatchingSchemaRuns() throws Exception {
    Path task =
        write(
            "typed.yaml",
            "name: typed\ninput_schema: {type: object, required: [n]}\n"
                + "main:\n  - evaluate: {n: $ _.n}\n");

    Result result = run(task.toString(), "--input", "{\"n\": 4}");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output()).isEqualTo(JSON.readTree("{\"n\": 4}"));
  }

  @Test
  void everyStepKindRunsThroughCompiledMachine() throws Exception {
    Path task = write("all.yaml", EVERY_KIND);

    Result result = run(task.toString(), "--input", "{\"x\": 3}", "--fast-waits");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.output())
        .isEqualTo(
            JSON.readTree(
                """
                {"parallel": [{"a": 4}, "b is 6"], "reduced": [1, 4, 9],
                 "caught": {"caught": "ZeroDivisionError"}, "switch": {"two": true},
                 "sub": {"big": 5}, "state": {"counter": 2}}
                """));
    assertThat(result.err())
        .contains("failed main[2].try[0]  evaluate")
        .contains("main[2]  try_catch (catch)")
        .doesNotContain("(start)")
        .doesNotContain("(finish)");
  }

  private static final String EVERY_KIND =
      """
      name: all-kinds
      main:
        - parallel:
            - evaluate:
                a: $ _.x + 1
            - - evaluate:
                  b: $ _.x * 2
              - log: "b is {_.b}"
        - over: $ [1, 2, 3]
          map:
            evaluate:
              sq: $ _ * _
          reduce: $ results + [_['sq']]
          parallelism: 2
        - kind: try_catch
          try:
            - evaluate:
                boom: $ 1 / 0
          catch:
            - evaluate:
                caught: $ error.type
        - set:
            counter: 2
        - sleep:
            seconds: 1
        - get: counter
        - switch:
            - case: $ _ == 2
              then:
                evaluate: {two: true}
            - case: _
              then:
                evaluate:
                  default: $ _
        - workflow: sub
          arguments:
            n: 5
        - evaluate:
            parallel: $ steps[0].output
            reduced: $ steps[1].output
            caught: $ steps[2].output
            switch: $ steps[6].output
            sub: $ _
            state: $ state
      sub:
        - if: $ _.n > 3
          then:
            return:
              big: $ _.n
        - evaluate:
            small: true
      """;

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static String tierTask(String condition) {
    return """
        name: tier
        main:
          - if: "%s"
            then:
              evaluate: {route: gold}
            else:
              evaluate: {route: standard}
        """
        .formatted(condition);
  }

  @Test
  void invalidSecretsFileFailsBeforeFirstStep() throws Exception {
    Path task =
        Files.writeString(dir.resolve("task.yaml"), "name: t\nmain:\n  - evaluate: {a: 1}\n");
    Path secrets = Files.writeString(dir.resolve("s.yaml"), "weather-key: hidden-value\n");

    Result result = run(task.toString(), "--input", "{}", "--secrets", secrets.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith(secrets + ": error: invalid secrets file: line 1: ")
        .contains("weather-key")
        .doesNotContain("hidden-value")
        .doesNotContain("main[0]");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void missingSecretsFileFailsBeforeFirstStep() throws Exception {
    Path task =
        Files.writeString(dir.resolve("task.yaml"), "name: t\nmain:\n  - evaluate: {a: 1}\n");
    Path missing = dir.resolve("secrets-typo.json");

    Result result = run(task.toString(), "--input", "{}", "--secrets", missing.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .startsWith(missing + ": error: invalid secrets file: the file does not exist")
        .doesNotContain("main[0]");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void missingInputFileIsNotFound() throws Exception {
    Path task =
        Files.writeString(dir.resolve("task.yaml"), "name: t\nmain:\n  - evaluate: {a: 1}\n");
    Path missing = dir.resolve("missing.json");

    Result result = run(task.toString(), "--input", "@" + missing);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("cannot read the input file " + missing + " (not found); check the path");
  }

  @Test
  void helpUsesImperative() {
    Result result = run("--help");

    assertThat(result.out()).contains("Run a task on the embedded engine");
    assertThat(result.out()).contains("Print stack traces");
  }

  private static Result run(String... args) {
    return CommandRun.execute("run", args);
  }
}
