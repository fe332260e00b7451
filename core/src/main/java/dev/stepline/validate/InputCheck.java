package dev.stepline.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.stepline.diag.Diagnostic;
import dev.stepline.load.JsonSchemas;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Task;
import java.util.List;

/** Checks an execution input against a task's {@code input_schema}. */
public final class InputCheck {

  private InputCheck() {}

  /**
   * Returns one error per way {@code input} does not match the task's {@code input_schema}; empty
   * when it matches or the task has no schema.
   *
   * @param inputName how the input is named in diagnostics, such as {@code --input} or a file path
   */
  public static List<Diagnostic> check(Task task, JsonNode input, String inputName) {
    if (task.inputSchema() == null) {
      return List.of();
    }
    List<ValidationMessage> problems = JsonSchemas.checkInput(task.inputSchema(), input);
    SourcePosition position = new SourcePosition(inputName, 1, 1);
    return problems.stream()
        .map(
            problem ->
                Diagnostic.error(
                    position,
                    problem.getInstanceLocation().toString(),
                    "the input does not match `input_schema` at `"
                        + problem.getInstanceLocation()
                        + "`: "
                        + problem.getError()
                        + "; pass an input that matches the schema of "
                        + task.position().file()))
        .toList();
  }
}
