package dev.stepline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {
  private static final String ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:checked";

  private final AslEngine engine =
      AslEngine.builder().taskHandler((resource, parameters, token, context) -> parameters).build();

  @AfterEach
  void close() {
    engine.close();
  }

  private List<String> problems(String definition) {
    return problems(definition, Map.of());
  }

  private List<String> problems(String definition, Map<String, String> substitutions) {
    try {
      engine.registerStateMachine(ARN, definition.replace('\'', '"'), substitutions);
    } catch (InvalidDefinitionException e) {
      assertThat(e.getMessage()).startsWith("invalid state machine definition " + ARN);
      return e.problems();
    }
    throw new AssertionError("the definition was accepted: " + definition);
  }

  @Test
  void unknownStateTypeIsRejected() {
    assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Sleep','End':true}}}"))
        .containsExactly(
            "/States/A/Type: unknown state type (found \"Sleep\"); use one of Pass, Task, Choice,"
                + " Wait, Succeed, Fail, Parallel, Map");
  }

  @Test
  void missingNextIsRejected() {
    assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass'}}}"))
        .containsExactly(
            "/States/A: a Pass state needs Next or \"End\": true (found neither); add one");
  }

  @Test
  void nextToUnknownStateIsRejected() {
    assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'}}}"))
        .containsExactly("/States/A/Next: names no state (found \"B\"); use one of \"A\"");
  }

  @Test
  void unreachableStateIsRejected() {
    assertThat(
            problems(
                "{'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'B':{'Type':'Pass','End':true}}}"))
        .containsExactly(
            "/States/B: state is unreachable from StartAt; remove it or add a transition to it");
  }

  @Test
  void unreachableStateInBranchIsRejected() {
    assertThat(
            problems(
                "{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'X',"
                    + "'States':{'X':{'Type':'Succeed'},'Y':{'Type':'Succeed'}}}]}}}"))
        .containsExactly(
            "/States/P/Branches/0/States/Y: state is unreachable from StartAt; remove it or add a"
                + " transition to it");
  }

  @Test
  void unknownFieldIsRejected() {
    assertThat(problems("{'StartAt':'A','States':{'A':{'Type':'Pass','Nxt':'A','End':true}}}"))
        .containsExactly(
            "/States/A/Nxt: unknown field for a Pass state (found \"Nxt\"); remove it or check its"
                + " spelling");
  }

  @Test
  void distributedMapFieldsAreRejectedClearly() {
    List<String> problems =
        problems(
            "{'StartAt':'M','States':{'M':{'Type':'Map','ToleratedFailurePercentage':5,"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},'StartAt':'X',"
                + "'States':{'X':{'Type':'Succeed'}}},'End':true}}}");

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "/States/M/ToleratedFailurePercentage: ToleratedFailurePercentage is not supported by"
                + " the embedded engine; tolerated failures belong to distributed Map states",
            "/States/M/ItemProcessor/ProcessorConfig/Mode: only INLINE Map states are supported"
                + " (found \"DISTRIBUTED\"); use Mode INLINE");
  }

  @Test
  void statesAllMustBeLast() {
    assertThat(
            problems(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:x','End':true,"
                    + "'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['E']}]}}}"))
        .containsExactly(
            "/States/T/Retry/0/ErrorEquals: States.ALL must be alone in its ErrorEquals and in the"
                + " last rule (found [States.ALL])");
  }

  @Test
  void invalidPathsAndIntrinsicsAreRejected() {
    List<String> problems =
        problems(
            "{'StartAt':'A','States':{'A':{'Type':'Pass','InputPath':'a.b',"
                + "'Parameters':{'x.$':'States.Nope(1)','y.$':'$..deep'},'End':true}}}");

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "/States/A/InputPath: a path must start with $ (found 'a.b')",
            "/States/A/Parameters/x.$: unknown intrinsic function 'States.Nope' at position 11 of"
                + " 'States.Nope(1)'",
            "/States/A/Parameters/y.$: deep scan '..' is not supported by the embedded engine"
                + " (found '$..deep')");
  }

  @Test
  void allProblemsAreReportedTogether() {
    assertThat(
            problems(
                "{'StartAt':'Missing','States':{'A':{'Type':'Wait','End':true},"
                    + "'C':{'Type':'Choice','Choices':[]}}}"))
        .containsExactly(
            "/States/A: a Wait state needs exactly one of Seconds, Timestamp, SecondsPath,"
                + " TimestampPath (found [])",
            "/States/C/Choices: a Choice state needs a non-empty Choices array",
            "/StartAt: StartAt names no state (found \"Missing\"); use one of \"A\", \"C\"");
  }

  @Test
  void missingSubstitutionIsRejected() {
    assertThat(
            problems(
                "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'${FunctionArn}','End':true}}}"))
        .containsExactly(
            "definition substitution ${FunctionArn} has no value; pass it in the substitutions");
  }

  @Test
  void substitutionsAreReplacedBeforeParsing() {
    engine.registerStateMachine(
        ARN,
        "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'${Fn}','End':true}}}"
            .replace('\'', '"'),
        Map.of("Fn", "arn:aws:lambda:us-east-1:123456789012:function:real"));

    AslEngine recording =
        AslEngine.builder()
            .taskHandler(
                (resource, parameters, token, context) -> Json.MAPPER.valueToTree(resource))
            .build();
    try (recording) {
      recording.registerStateMachine(
          ARN,
          "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'${Fn}','End':true}}}"
              .replace('\'', '"'),
          Map.of("Fn", "arn:aws:lambda:us-east-1:123456789012:function:real"));
      ExecutionResult result =
          recording.startSyncExecution(ARN, "s", Json.MAPPER.createObjectNode());

      assertThat(result.output().asText())
          .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:real");
    }
  }

  @Test
  void invalidJsonIsRejectedWithPosition() {
    assertThat(problems("{'StartAt': }").get(0))
        .startsWith("the definition is not valid JSON: ")
        .contains("line 1, column 13");
  }

  @Test
  void transitionTableMatchesStateTypes() {
    assertThat(Transitions.ALLOWED.keySet()).isEqualTo(AslFields.STATE.keySet());
    assertThat(Transitions.allows("Succeed", Transitions.Step.NEXT)).isFalse();
    assertThat(Transitions.allows("Pass", Transitions.Step.CATCH)).isFalse();
    assertThat(Transitions.allows("Task", Transitions.Step.RETRY)).isTrue();
    for (String type : AslFields.STATE.keySet()) {
      boolean hasNextField = AslFields.STATE.get(type).contains("Next");
      assertThat(Transitions.continues(type)).as(type).isEqualTo(hasNextField);
      assertThat(Transitions.allows(type, Transitions.Step.RETRY))
          .as(type)
          .isEqualTo(AslFields.STATE.get(type).contains("Retry"));
    }
  }

  @Test
  void invalidTransitionNamesMachineStateAndHistory() {
    State state = new State("Done", "Succeed");

    EngineSignals.InvalidTransition error =
        new EngineSignals.InvalidTransition(
            ARN, state, Transitions.Step.NEXT, List.of("ExecutionStarted", "SucceedStateEntered"));

    assertThat(error.getMessage())
        .isEqualTo(
            "invalid transition NEXT from Succeed state 'Done' of state machine "
                + ARN
                + "; allowed: [SUCCEED, FAIL]; history so far: [ExecutionStarted,"
                + " SucceedStateEntered]");
  }
}
