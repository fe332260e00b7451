package dev.stepline.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One compiled state machine.
 *
 * @param workflow the workflow it runs: {@code main}, or a recursive subworkflow
 * @param arnSubstitution the DefinitionSubstitution other machines use to start this one, such as
 *     {@code WorkflowRunBrowserStateMachineArn}; {@code null} for the main machine
 * @param definition the Amazon States Language definition; changing it does not change {@code json}
 * @param json the definition as pretty-printed JSON, the same bytes for the same task
 */
public record StateMachine(
    String workflow, String arnSubstitution, ObjectNode definition, String json) {
  /**
   * Precedes the workflow type ({@code STANDARD} or {@code EXPRESS}) at the end of the definition's
   * {@code Comment}.
   */
  public static final String TYPE_LABEL = "workflow type ";

  StateMachine(String workflow, String arnSubstitution, ObjectNode definition) {
    this(workflow, arnSubstitution, definition, AslJson.write(definition));
  }

  public boolean isMain() {
    return arnSubstitution == null;
  }
}
