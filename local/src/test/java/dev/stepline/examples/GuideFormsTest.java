package dev.stepline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stepline.diag.Diagnostic;
import dev.stepline.diag.Severity;
import dev.stepline.validate.TaskValidator;
import dev.stepline.validate.ValidationResult;
import org.junit.jupiter.api.Test;

/**
 * The forms of the integration patterns guide that cannot work as written: the examples use the
 * corrected form, and the validator warns about the written one.
 */
class GuideFormsTest {
  private final TaskValidator validator = new TaskValidator();

  @Test
  void dollarInsideBearerHeaderWarns() {
    ValidationResult result =
        validator.validate(
            "guide.yaml",
            """
            name: error-handling
            tools:
              - name: external_api
                type: api_call
                api_call: {method: GET, url: "http://127.0.0.1:9/data"}
            main:
              - kind: tool_call
                tool: external_api
                arguments:
                  headers:
                    Authorization: "Bearer $ secrets.api_key"
            """);

    assertThat(result.diagnostics()).hasSize(1);
    Diagnostic warning = result.diagnostics().get(0);
    assertThat(warning.severity()).isEqualTo(Severity.WARNING);
    assertThat(warning.format())
        .isEqualTo(
            "guide.yaml:11:24: warning: `$ ` in the middle of a string is not an expression, so"
                + " it is sent as written (found `Bearer $ secrets.api_key`); to interpolate,"
                + " write `$ f\"Bearer {secrets.api_key}\"`");
  }

  @Test
  void secretNameWithStraySpacesWarns() {
    ValidationResult result =
        validator.validate(
            "guide.yaml",
            """
            name: multi-tenant
            main:
              - kind: transform
                expression: "$ f'tenant_{input.tenant_id}'"
                input:
                  tenant_id: "123"
                output: tenant_key
              - kind: transform
                expression: "$ f'{secrets[tenant_key + \\" _api_key \\" ]}'"
                output: api_key
            """);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::format)
        .containsExactly(
            "guide.yaml:9:17: warning: a secret name cannot contain spaces, so this key names no"
                + " secret (found `\" _api_key \"` in `secrets[tenant_key + \" _api_key \"]`);"
                + " write `\"_api_key\"`");
  }
}
