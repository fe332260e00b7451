package dev.stepline.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.task.SourcePosition;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.Value;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaskLoaderTest {

  private final TaskLoader loader = new TaskLoader();

  private Task load(String yaml) {
    LoadResult result = loader.load("t.yaml", yaml);
    assertThat(result.diagnostics()).isEmpty();
    return result.task();
  }

  @Test
  void bothSpellingsNormaliseToOneModel() {
    Task task =
        load(
            """
            name: spellings
            tools:
              - name: weather
                type: http
                http: {method: GET, url: "https://example.com"}
            main:
              - tool: weather
                arguments: {city: $ _.city}
              - kind: tool_call
                tool: weather
                operation: get
                arguments: {city: Paris}
                output: forecast
            """);

    Step.ToolCall julep = (Step.ToolCall) task.main().steps().get(0);
    Step.ToolCall explicit = (Step.ToolCall) task.main().steps().get(1);
    assertThat(julep.tool()).isEqualTo("weather");
    assertThat(explicit.tool()).isEqualTo("weather");
    assertThat(explicit.operation()).isEqualTo("get");
    assertThat(explicit.info().output()).isEqualTo("forecast");
    assertThat(task.tool("weather").orElseThrow().type()).isEqualTo("api_call");
  }

  @Test
  void nestedStepsCarryPathAndPosition() {
    Task task =
        load(
            """
            name: nested
            main:
              - log: start
              - if: $ _.ok
                then:
                  - log: yes
                else:
                  evaluate: {x: 1}
            """);

    Step.IfElse ifElse = (Step.IfElse) task.main().steps().get(1);
    Step then = ifElse.then().get(0);
    Step otherwise = ifElse.otherwise().get(0);
    assertThat(ifElse.info().path()).isEqualTo("main[1]");
    assertThat(then.info().path()).isEqualTo("main[1].then[0]");
    assertThat(then.info().position()).isEqualTo(new SourcePosition("t.yaml", 6, 9));
    assertThat(otherwise.info().path()).isEqualTo("main[1].else[0]");
    assertThat(otherwise.info().position()).isEqualTo(new SourcePosition("t.yaml", 8, 7));
  }

  @Test
  void stringsAreClassifiedByTheLanguageRules() {
    Task task =
        load(
            """
            name: strings
            main:
              - evaluate:
                  expression: $ 1 + 1
                  template: "Hi {{ name }}"
                  fstring: "Hi {name}"
                  literal: plain text
                  legacy: _.x
                  yes_is_true: yes
                  octal: 017
                  not_a_float: 1e3
            """);

    Value.MapOf values = (Value.MapOf) ((Step.Evaluate) task.main().steps().get(0)).value();
    assertThat(values.entries().get("expression"))
        .isEqualTo(new Value.Expression("1 + 1", 2, new SourcePosition("t.yaml", 4, 19)));
    assertThat(values.entries().get("template")).isInstanceOf(Value.Jinja.class);
    assertThat(values.entries().get("fstring")).isInstanceOf(Value.FString.class);
    assertThat(values.entries().get("literal")).isInstanceOf(Value.Literal.class);
    assertThat(values.entries().get("legacy")).isInstanceOf(Value.Expression.class);
    assertThat(((Value.Literal) values.entries().get("yes_is_true")).value()).isEqualTo(true);
    assertThat(((Value.Literal) values.entries().get("octal")).value()).isEqualTo(15L);
    assertThat(((Value.Literal) values.entries().get("not_a_float")).value()).isEqualTo("1e3");
  }

  @Test
  void singleStepBlocksBecomeLists() {
    Task task =
        load(
            """
            name: blocks
            main:
              - foreach:
                  in: $ [1, 2]
                  do:
                    log: item
              - over: $ [1, 2]
                map: {evaluate: {x: $ _}}
                parallelism: 2
              - try: {log: risky}
                catch: [{log: caught}]
            """);

    assertThat(((Step.Foreach) task.main().steps().get(0)).body()).hasSize(1);
    Step.MapReduce map = (Step.MapReduce) task.main().steps().get(1);
    assertThat(map.map().get(0).info().path()).isEqualTo("main[1].map[0]");
    assertThat(map.parallelism()).isEqualTo(2);
    Step.TryCatch tryCatch = (Step.TryCatch) task.main().steps().get(2);
    assertThat(tryCatch.catchSteps().get(0).info().path()).isEqualTo("main[2].catch[0]");
  }

  @Test
  void nonUtf8BytesAreRejectedAtTheirPosition() {
    byte[] bytes = "name: x\nmain:\n  - log: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    LoadResult result = loader.load("t.yaml", bytes);

    assertThat(result.task()).isNull();
    assertThat(result.diagnostics().get(0).format())
        .isEqualTo(
            "t.yaml:3:13: error: a task file must be UTF-8 text (found byte 0xE9 at offset 26);"
                + " save the file as UTF-8");
  }

  @Test
  void oversizeDocumentIsRejected() {
    String text = "name: big\nmain:\n  - log: " + "x".repeat(YamlLimits.MAX_CHARACTERS) + "\n";

    LoadResult result = loader.load("t.yaml", text);

    assertThat(result.diagnostics())
        .extracting(d -> d.format())
        .containsExactly(
            "t.yaml:1:1: error: task file is too large (found "
                + text.length()
                + " characters); the limit is 4194304, so split the task or move data into its"
                + " input");
  }

  @Test
  void deepNestingIsRejected() {
    String text = "name: deep\nmain:\n  - return: " + "[".repeat(200) + "]".repeat(200) + "\n";

    LoadResult result = loader.load("t.yaml", text);

    assertThat(result.task()).isNull();
    assertThat(result.diagnostics().get(0).message())
        .isEqualTo(
            "lists and mappings are nested too deeply (the limit is 100 levels); flatten the"
                + " structure");
  }

  @Test
  void recursiveAliasIsRejected() {
    String text = "name: loop\nmain:\n  - return: &a [*a]\n";

    LoadResult result = loader.load("t.yaml", text);

    assertThat(result.task()).isNull();
    assertThat(result.diagnostics())
        .extracting(d -> d.format())
        .containsExactly(
            "t.yaml:3:13: error: an alias refers to a list or mapping that contains the alias,"
                + " which makes an endless value; write the value out without the alias");
  }

  @Test
  void mergeKeysAreApplied() {
    Task task =
        load(
            """
            name: merge
            defaults: &defaults {method: GET, url: "https://example.com"}
            tools:
              - name: fetch
                type: api_call
                api_call:
                  <<: *defaults
                  url: "https://example.org"
            main:
              - tool: fetch
            """
                .replace("defaults: &defaults", "metadata: &defaults"));

    Value.MapOf spec = task.tool("fetch").orElseThrow().spec();
    assertThat(((Value.Literal) spec.entries().get("method")).value()).isEqualTo("GET");
    assertThat(((Value.Literal) spec.entries().get("url")).value())
        .isEqualTo("https://example.org");
  }
}
