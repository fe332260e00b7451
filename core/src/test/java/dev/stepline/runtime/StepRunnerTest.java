package dev.stepline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.runtime.store.ExecutionStatus;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.Transition;
import dev.stepline.runtime.store.TransitionType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepRunnerTest {

  @Test
  void evaluateChainsUnderscoreAndFinishes() {
    RunnerHarness run =
        new RunnerHarness(
            """
            name: chain
            main:
              - label: first
                evaluate: {n: $ _.x + 1}
              - evaluate:
                  m: $ _.n * 10
                  again: $ steps['first'].output.n
                  zero: $ steps[0].input.x
            """,
            "{\"x\": 1}");

    run.start();
    run.step("main[0]");
    run.step("main[1]");
    run.finish();

    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(run.execution().output()).isEqualTo("{\"m\":20,\"again\":2,\"zero\":1}");
    assertThat(run.store.transitions(run.id))
        .extracting(Transition::type)
        .containsExactly(
            TransitionType.INIT, TransitionType.STEP, TransitionType.STEP, TransitionType.FINISH);
  }

  @Test
  void conditionOnMissingKeyFails() {
    RunnerHarness run = new RunnerHarness(ifTask("$ _.tier == 1"), "{}");
    run.start();

    assertThatThrownBy(() -> run.condition("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageStartingWith("main[0]: ")
        .hasMessageContaining("tier");
    Failure failure = run.store.failures(run.id).get(0);
    assertThat(failure.path()).isEqualTo("main[0]");
    assertThat(failure.message()).contains("tier");
  }

  @Test
  void conditionWithGetTakesElse() {
    RunnerHarness run = new RunnerHarness(ifTask("$ _.get('tier') == 1"), "{}");
    run.start();

    assertThat(run.condition("main[0]")).isEqualTo(1);
    run.step("main[0].else[0]");
    run.finish();

    assertThat(run.execution().output()).isEqualTo("{\"route\":\"standard\"}");
  }

  @Test
  void ifWithoutElsePassesInputThrough() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - if: $ _.flag
                then:
                  evaluate: {changed: true}
              - evaluate:
                  seen: $ _
                  block: $ steps[0].output
            """,
            "{\"flag\": false}");
    run.start();

    assertThat(run.condition("main[0]")).isEqualTo(-1);
    run.step("main[1]");

    assertThat(run.lastOutput(""))
        .isEqualTo("{\"seen\":{\"flag\":false},\"block\":{\"flag\":false}}");
  }

  @Test
  void ifBlockOutputIsItsBranchOutput() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - if: $ _.flag
                then:
                  - evaluate: {a: 1}
                  - evaluate: {b: $ _.a + 1}
              - evaluate:
                  block: $ steps[0].output
                  last: $ _
            """,
            "{\"flag\": true}");
    run.start();

    assertThat(run.condition("main[0]")).isEqualTo(0);
    run.step("main[0].then[0]");
    run.step("main[0].then[1]");
    run.step("main[1]");

    assertThat(run.lastOutput("")).isEqualTo("{\"block\":{\"b\":2},\"last\":{\"b\":2}}");
  }

  @Test
  void switchTakesFirstTrueCaseOrDefault() {
    String yaml =
        """
        main:
          - switch:
              - case: $ _.n > 10
                then:
                  evaluate: {size: big}
              - case: _
                then:
                  evaluate: {size: small}
        """;
    RunnerHarness big = new RunnerHarness(yaml, "{\"n\": 11}");
    RunnerHarness small = new RunnerHarness(yaml, "{\"n\": 3}");
    big.start();
    small.start();

    assertThat(big.condition("main[0]")).isEqualTo(0);
    assertThat(small.condition("main[0]")).isEqualTo(1);
  }

  @Test
  void foreachIteratesItemsAndCloses() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - foreach:
                  in: $ _.names
                  do:
                    evaluate: {upper: $ _.upper()}
            """,
            "{\"names\": [\"ada\", \"bob\"]}");
    run.start();

    List<Integer> items = run.items("main[0]", "");
    for (int i : items) {
      run.step("main[0].foreach.do[0]", "/main[0]#" + i);
    }
    run.close("main[0]", "");
    run.finish();

    assertThat(items).containsExactly(0, 1);
    assertThat(run.execution().output()).isEqualTo("[{\"upper\":\"ADA\"},{\"upper\":\"BOB\"}]");
  }

  @Test
  void foreachOverNonListFails() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - foreach:
                  in: $ 5
                  do:
                    evaluate: {x: $ _}
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.items("main[0]", ""))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("main[0]: TypeError: the collection of foreach must be a list (found int)");
  }

  @Test
  void mapReduceFoldsResults() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - over: $ [1, 2, 3]
                map:
                  evaluate: {double: $ _ * 2}
                reduce: $ results + [_['double']]
            """,
            "{}");
    run.start();

    for (int i : run.items("main[0]", "")) {
      run.step("main[0].map[0]", "/main[0]#" + i);
    }
    run.close("main[0]", "");

    assertThat(run.lastOutput("")).isEqualTo("[2,4,6]");
  }

  @Test
  void parallelBranchesStartFromInput() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - evaluate: {n: 2}
              - parallel:
                  - evaluate: {a: $ _.n + 1}
                  - evaluate: {b: $ _.n * 5}
            """,
            "{}");
    run.start();
    run.step("main[0]");

    run.step("main[1].parallel[1][0]", "/main[1]|1");
    run.step("main[1].parallel[0][0]", "/main[1]|0");
    run.close("main[1]", "");

    assertThat(run.lastOutput("")).isEqualTo("[{\"a\":3},{\"b\":10}]");
  }

  @Test
  void workflowCallsAreIsolated() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - workflow: echo
                arguments: {first_arg: p}
              - workflow: echo
                arguments: {second_arg: q}
            echo:
              - evaluate: {seen: $ _}
            """,
            "{}");
    run.start();

    String first = run.call("main[0]", "");
    run.step("echo[0]", first);
    run.close("main[0]", "");
    String second = run.call("main[1]", "");
    run.step("echo[0]", second);
    run.close("main[1]", "");

    assertThat(first).isEqualTo("/main[0]@");
    assertThat(run.store.findStep(run.id, "", "main[0]").orElseThrow().output())
        .isEqualTo("{\"seen\":{\"first_arg\":\"p\"}}");
    assertThat(run.lastOutput("")).isEqualTo("{\"seen\":{\"second_arg\":\"q\"}}");
  }

  @Test
  void catchBindsErrorOfTryBlock() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - kind: try_catch
                try:
                  - evaluate: {x: $ 1 / 0}
                catch:
                  - evaluate: {type: $ error.type, message: $ error.message, path: $ error.path}
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0].try[0]")).isInstanceOf(StepFailedException.class);
    run.run("catch", "main[0]", "");
    run.step("main[0].catch[0]");
    run.finish();

    assertThat(run.execution().output())
        .isEqualTo(
            "{\"type\":\"ZeroDivisionError\",\"message\":\"division by zero\","
                + "\"path\":\"main[0].try[0]\"}");
  }

  @Test
  void outerCatchSeesFailureOfInnerCatch() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - kind: try_catch
                try:
                  - kind: try_catch
                    try:
                      - evaluate: {x: $ 1 / 0}
                    catch:
                      - evaluate: {x: $ "inner " + undefined_name}
                catch:
                  - evaluate: {type: $ error.type, path: $ error.path}
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0].try[0].try[0]"))
        .isInstanceOf(StepFailedException.class);
    run.run("catch", "main[0].try[0]", "");
    assertThatThrownBy(() -> run.step("main[0].try[0].catch[0]"))
        .isInstanceOf(StepFailedException.class);
    run.run("catch", "main[0]", "");
    run.step("main[0].catch[0]");
    run.finish();

    assertThat(run.execution().output())
        .isEqualTo("{\"type\":\"NameError\",\"path\":\"main[0].try[0].catch[0]\"}");
  }

  @Test
  void catchSeesFailureAfterCaughtOne() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - kind: try_catch
                try:
                  - kind: try_catch
                    try:
                      - evaluate: {x: $ 1 / 0}
                    catch:
                      - evaluate: {recovered: true}
                  - evaluate: {x: $ int("abc")}
                catch:
                  - evaluate: {type: $ error.type, path: $ error.path}
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0].try[0].try[0]"))
        .isInstanceOf(StepFailedException.class);
    run.run("catch", "main[0].try[0]", "");
    run.step("main[0].try[0].catch[0]");
    assertThatThrownBy(() -> run.step("main[0].try[1]")).isInstanceOf(StepFailedException.class);
    run.run("catch", "main[0]", "");
    run.step("main[0].catch[0]");
    run.finish();

    assertThat(run.execution().output())
        .isEqualTo("{\"type\":\"ValueError\",\"path\":\"main[0].try[1]\"}");
  }

  @Test
  void setThenGetReadsState() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - set: {count: $ 41 + 1}
              - get: count
              - evaluate:
                  from_state: $ state['count']
                  previous: $ _
            """,
            "{}");
    run.start();
    run.step("main[0]");
    run.step("main[1]");
    run.step("main[2]");

    assertThat(run.lastOutput("")).isEqualTo("{\"from_state\":42,\"previous\":42}");
  }

  @Test
  void returnAcceptsScalar() {
    RunnerHarness run = new RunnerHarness("main:\n  - return: $ 6 * 7\n", "{}");
    run.start();
    run.step("main[0]");
    run.finish();

    assertThat(run.execution().output()).isEqualTo("42");
  }

  @Test
  void namedOutputIsReadable() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - kind: evaluate
                expression: $ 'Ada'
                output: who
              - evaluate: {hello: $ 'hi ' + who}
            """,
            "{}");
    run.start();
    run.step("main[0]");
    run.step("main[1]");

    assertThat(run.lastOutput("")).isEqualTo("{\"hello\":\"hi Ada\"}");
  }

  @Test
  void errorStepFailsWithMessage() {
    RunnerHarness run =
        new RunnerHarness("main:\n  - error: $ 'bad ' + _.what\n", "{\"what\": \"x\"}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("main[0]: StepError: bad x");
  }

  @Test
  void failActionMarksExecutionFailed() {
    RunnerHarness run = new RunnerHarness(ifTask("$ _.tier == 1"), "{}");
    run.start();
    StepFailedException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            StepFailedException.class, () -> run.condition("main[0]"));

    run.runner.run(
        new StepRequest(
            "fail",
            run.id,
            "main",
            "",
            "",
            null,
            Map.of("Error", failure.type(), "Cause", failure.getMessage())));

    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(run.execution().error().path()).isEqualTo("main[0]");
    assertThat(run.store.transitions(run.id).get(1).type()).isEqualTo(TransitionType.ERROR);
  }

  @Test
  void cancelledExecutionRefusesNextStep() {
    RunnerHarness run =
        new RunnerHarness("main:\n  - evaluate: {a: 1}\n  - evaluate: {b: 2}\n", "{}");
    run.start();
    run.step("main[0]");
    run.store.cancel(run.id, "not needed");

    assertThatThrownBy(() -> run.step("main[1]"))
        .isInstanceOf(ExecutionCancelledException.class)
        .hasMessage("main[1]: ExecutionCancelled: execution " + run.id + " was cancelled");
    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.CANCELLED);
    assertThat(run.store.findStep(run.id, "", "main[1]")).isEmpty();
    assertThat(run.store.failures(run.id)).isEmpty();
  }

  @Test
  void stepRunTwiceRecordsOnceAndCallsToolOnce() {
    AtomicInteger calls = new AtomicInteger();
    ToolProvider counter = countingProvider(calls);
    RunnerHarness run =
        new RunnerHarness(
            """
            tools:
              - name: lookup
                type: api_call
                api_call: {method: GET, url: "http://127.0.0.1:9/x"}
            main:
              - tool: lookup
                arguments: {q: $ _.q}
            """,
            "{\"q\": \"a\"}",
            Map.of(),
            List.of(counter));
    run.start();

    run.step("main[0]");
    run.step("main[0]");

    assertThat(calls).hasValue(1);
    assertThat(run.store.steps(run.id, "")).hasSize(1);
    assertThat(run.lastOutput("")).isEqualTo("{\"tool\":\"lookup\",\"q\":\"a\"}");
  }

  @Test
  void unsupportedToolTypeNamesToolAndTypes() {
    RunnerHarness run =
        new RunnerHarness(
            """
            tools:
              - name: browse
                type: integration
                integration: {provider: browserbase}
            main:
              - tool: browse
                arguments: {}
            """,
            "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("UnsupportedToolError")
        .hasMessageContaining("tool 'browse' has type 'integration'")
        .hasMessageContaining("supported types: function");
  }

  @Test
  void secretsResolveLazilyAndAreMasked() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - evaluate: {n: $ len(secrets.WEATHER_KEY)}
              - evaluate: {x: $ int(secrets.WEATHER_KEY)}
            """,
            "{}",
            Map.of("WEATHER_KEY", "tok-TEST-123"),
            List.of());
    run.start();
    run.step("main[0]");

    assertThat(run.lastOutput("")).isEqualTo("{\"n\":12}");
    assertThatThrownBy(() -> run.step("main[1]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("***")
        .hasMessageNotContaining("tok-TEST-123");
    assertThat(run.store.failures(run.id).get(0).message()).doesNotContain("tok-TEST-123");
  }

  @Test
  void secretOutputOfToolIsMasked() {
    ToolProvider tokens =
        new ToolProvider() {
          @Override
          public Set<String> types() {
            return Set.of("oauth2");
          }

          @Override
          public Object call(ToolRequest request) {
            return "at-TEST-token";
          }

          @Override
          public boolean isSecretOutput(ToolRequest request) {
            return true;
          }
        };
    RunnerHarness run =
        new RunnerHarness(
            """
            tools:
              - name: auth
                type: oauth2
                oauth2: {token_url: "http://127.0.0.1:9/token"}
            main:
              - tool: auth
                arguments: {}
              - evaluate: {x: $ int(_)}
            """,
            "{}",
            Map.of(),
            List.of(tokens));
    run.start();
    run.step("main[0]");

    String unsealed = run.runner.store().lastOutput(run.id, "").orElseThrow().output();
    assertThat(unsealed).isEqualTo("\"at-TEST-token\"");
    assertThat(run.runner.masker().mask(unsealed)).isEqualTo("\"***\"");
    assertThat(run.lastOutput("")).startsWith("\"stepline:sealed:v1:aes:");
    assertThatThrownBy(() -> run.step("main[1]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageNotContaining("at-TEST-token");
  }

  @Test
  void missingSecretFailsWithoutValue() {
    RunnerHarness run =
        new RunnerHarness(
            "main:\n  - evaluate: {k: $ secrets.weather_key}\n",
            "{}",
            Map.of("WEATHER_KEY", "tok-TEST-123"),
            List.of());
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("secret not found: weather_key")
        .hasMessageNotContaining("tok-TEST-123");
  }

  @Test
  void waitForInputRecordsTokenThenResumes() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - wait_for_input:
                  info:
                    question: $ 'Proceed, ' + _.name + '?'
              - evaluate: {answer: $ _}
            """,
            "{\"name\": \"Ada\"}");
    run.start();

    run.runner.run(new StepRequest("step", run.id, "main", "main[0]", "", "token-1", null));

    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.AWAITING_INPUT);
    assertThat(run.store.pendingWaits(run.id)).hasSize(1);
    String token = run.runner.resume(run.id, "", "main[0]", "{\"ok\": true}");
    run.step("main[1]");

    assertThat(token).isEqualTo("token-1");
    assertThat(run.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(run.lastOutput("")).isEqualTo("{\"answer\":{\"ok\":true}}");
  }

  @Test
  void logOutputsMessage() {
    RunnerHarness run =
        new RunnerHarness("main:\n  - log: \"hi {_.name}\"\n", "{\"name\": \"Ada\"}");
    run.start();
    run.step("main[0]");

    assertThat(run.lastOutput("")).isEqualTo("\"hi Ada\"");
  }

  @Test
  void promptSendsEvaluatedMessagesAndUnwraps() {
    List<ModelClient.PromptRequest> requests = new java.util.ArrayList<>();
    ModelClient echo =
        request -> {
          requests.add(request);
          Object content = request.messages().get(request.messages().size() - 1).get("content");
          return Map.of(
              "id", "cmpl-1",
              "model", request.model(),
              "choices",
                  List.of(Map.of("message", Map.of("role", "assistant", "content", content))));
        };
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - prompt:
                  - role: system
                    content: "You are {agent.name}."
                  - role: user
                    content: "Say hi to {{ _.name }}"
                settings:
                  model: $ 'gpt-' + '4o'
                  temperature: 0.5
                secret_name: OPENAI_KEY
                unwrap: true
            """,
            "{\"name\": \"Ada\"}",
            Map.of("OPENAI_KEY", "sk-local-1"),
            List.of(),
            echo);
    run.start();
    run.step("main[0]");

    ModelClient.PromptRequest sent = requests.get(0);
    assertThat(sent.model()).isEqualTo("gpt-4o");
    assertThat(sent.settings()).containsOnly(Map.entry("temperature", 0.5));
    assertThat(sent.apiKey()).isEqualTo("sk-local-1");
    assertThat(sent.messages())
        .containsExactly(
            Map.of("role", "system", "content", "You are Stepline."),
            Map.of("role", "user", "content", "Say hi to Ada"));
    assertThat(run.lastOutput("")).isEqualTo("\"Say hi to Ada\"");
  }

  @Test
  void promptWithoutModelClientFails() {
    RunnerHarness run = new RunnerHarness("main:\n  - prompt: hello\n", "{}");
    run.start();

    assertThatThrownBy(() -> run.step("main[0]"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("UnsupportedToolError: no model client is configured");
  }

  @Test
  void stepInputBindingsAreNames() {
    RunnerHarness run =
        new RunnerHarness(
            """
            main:
              - kind: evaluate
                input:
                  who: $ _.name
                expression: "$ {'hello': who, 'input': input}"
            """,
            "{\"name\": \"Ada\"}");
    run.start();
    run.step("main[0]");

    assertThat(run.lastOutput("")).isEqualTo("{\"hello\":\"Ada\",\"input\":{\"who\":\"Ada\"}}");
  }

  private static String ifTask(String condition) {
    return """
        main:
          - if: "%s"
            then:
              evaluate: {route: gold}
            else:
              evaluate: {route: standard}
        """
        .formatted(condition);
  }

  private static ToolProvider countingProvider(AtomicInteger calls) {
    return new ToolProvider() {
      @Override
      public Set<String> types() {
        return Set.of("api_call");
      }

      @Override
      public Object call(ToolRequest request) {
        calls.incrementAndGet();
        Map<String, Object> output = new java.util.LinkedHashMap<>();
        output.put("tool", request.toolName());
        output.putAll(request.arguments());
        return output;
      }
    };
  }
}
