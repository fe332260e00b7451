package dev.stepline.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.diag.Diagnostic;
import dev.stepline.diag.Severity;
import dev.stepline.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskValidatorTest {

  private final TaskValidator validator = new TaskValidator();

  private List<String> diagnostics(String yaml) {
    return validator.validate("t.yaml", yaml).diagnostics().stream()
        .map(Diagnostic::format)
        .toList();
  }

  @Test
  void badRoleGivesOnePreciseError() {
    ValidationResult result =
        validator.validate(
            "bad-role.yaml",
            """
            name: bad-role
            main:
              - evaluate: {x: $ 1 + 1}
              - prompt:
                  - role: admin
                    content: hello
            """);

    assertThat(result.task()).isNull();
    assertThat(result.diagnostics()).hasSize(1);
    Diagnostic error = result.diagnostics().get(0);
    assertThat(error.severity()).isEqualTo(Severity.ERROR);
    assertThat(error.path()).isEqualTo("main[1].prompt[0].role");
    assertThat(error.format())
        .isEqualTo(
            "bad-role.yaml:5:15: error: invalid message role (found `admin`); use one of"
                + " `system`, `user`, `assistant`, `tool`");
  }

  @Test
  void diagnosticsAreSortedByPosition() {
    List<String> found =
        diagnostics(
            """
            name: sorted
            main:
              - tool: nowhere
              - workflow: main
              - log: "Bearer $ secrets.api_key"
                label: "7"
            """);

    assertThat(found)
        .containsExactly(
            "t.yaml:3:11: error: unknown tool (found `nowhere`); declare it under `tools:` with a"
                + " name and a type",
            "t.yaml:4:15: error: a step cannot call the main workflow (found `workflow: main`);"
                + " move the steps to repeat into a named subworkflow and call that",
            "t.yaml:5:10: warning: `$ ` in the middle of a string is not an expression, so it is"
                + " sent as written (found `Bearer $ secrets.api_key`); to interpolate, write `$"
                + " f\"Bearer {secrets.api_key}\"`",
            "t.yaml:6:12: error: a label cannot be only digits (found `7`), because `steps[7]`"
                + " would mean the step at that index; use a name such as `step_7`");
  }

  @Test
  void secretNameWithSpacesWarns() {
    List<String> found =
        diagnostics(
            """
            name: tenants
            main:
              - kind: transform
                expression: "$ f'{secrets[_.tenant + \\" _api_key \\" ]}'"
              - evaluate:
                  key: $ secrets[_.tenant + '_api_key']
            """);

    assertThat(found)
        .containsExactly(
            "t.yaml:4:17: warning: a secret name cannot contain spaces, so this key names no"
                + " secret (found `\" _api_key \"` in `secrets[_.tenant + \" _api_key \"]`);"
                + " write `\"_api_key\"`");
  }

  @Test
  void warningsAloneKeepTheTask() {
    ValidationResult result =
        validator.validate(
            "t.yaml",
            """
            name: warned
            main:
              - log: first
                label: same
              - log: second
                label: same
            """);

    assertThat(result.task()).isNotNull();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::severity)
        .containsExactly(Severity.WARNING);
  }

  @Test
  void inputIsCheckedAgainstInputSchema() throws Exception {
    Task task =
        validator
            .validate(
                "t.yaml",
                """
                name: typed
                input_schema:
                  type: object
                  properties: {topic: {type: string}}
                  required: [topic]
                main:
                  - log: $ _.topic
                """)
            .task();
    ObjectMapper json = new ObjectMapper();

    List<Diagnostic> good = InputCheck.check(task, json.readTree("{\"topic\": \"AI\"}"), "--input");
    List<Diagnostic> bad = InputCheck.check(task, json.readTree("{\"topic\": 3}"), "--input");

    assertThat(good).isEmpty();
    assertThat(bad)
        .extracting(Diagnostic::format)
        .containsExactly(
            "--input:1:1: error: the input does not match `input_schema` at `$.topic`: integer"
                + " found, string expected; pass an input that matches the schema of t.yaml");
  }
}
