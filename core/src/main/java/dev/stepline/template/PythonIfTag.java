package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.IfTag;
import com.hubspot.jinjava.tree.TagNode;

/** Jinjava's {@code if} tag deciding branches with Python's truth values. */
final class PythonIfTag extends IfTag {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean isPositiveIfElseNode(TagNode tagNode, JinjavaInterpreter interpreter) {
    return PythonValues.isTruthy(
        interpreter.resolveELExpression(
            tagNode.getHelpers(), tagNode.getLineNumber(), tagNode.getStartPosition()));
  }
}
