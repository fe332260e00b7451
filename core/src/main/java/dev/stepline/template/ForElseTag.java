package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Jinjava's {@code for} tag with Jinja2's {@code {% else %}} branch, rendered when the loop runs no
 * iteration. {@link #splitElseBranches} moves each branch out of its loop once, right after
 * parsing, so that the cached tree is never changed while rendering.
 */
final class ForElseTag extends ForTag {
  private static final long serialVersionUID = 1L;

  private final Map<TagNode, List<Node>> elseBranches =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Moves the nodes after {@code else} in every {@code for} of {@code root} aside. */
  void splitElseBranches(Node root) {
    for (Node child : root.getChildren()) {
      splitElseBranches(child);
    }
    if (!(root instanceof TagNode) || !"for".equals(((TagNode) root).getName())) {
      return;
    }
    List<Node> children = root.getChildren();
    for (int i = 0; i < children.size(); i++) {
      Node child = children.get(i);
      if (child instanceof TagNode && "else".equals(((TagNode) child).getName())) {
        List<Node> branch = new ArrayList<>(children.subList(i + 1, children.size()));
        children.subList(i, children.size()).clear();
        elseBranches.put((TagNode) root, branch);
        return;
      }
    }
  }

  @Override
  public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
    var varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
    List<String> loopVars = varsAndExpression.getLeft();
    String expression = varsAndExpression.getRight();
    int filterAt = BlockTags.indexOfTopLevel(expression, " if ", 0);
    String collectionExpression = filterAt < 0 ? expression : expression.substring(0, filterAt);
    Object collection =
        interpreter.resolveELExpression(collectionExpression, tagNode.getLineNumber());
    List<Object> items = iterable(collection);
    if (filterAt >= 0) {
      items = select(items, loopVars, expression.substring(filterAt + 4), tagNode, interpreter);
    }
    return renderForCollection(tagNode, interpreter, loopVars, items);
  }

  @Override
  public String renderForCollection(
      TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars, Object collection) {
    List<Node> branch = elseBranches.get(tagNode);
    if (branch == null || PythonValues.isTruthy(collection)) {
      return super.renderForCollection(tagNode, interpreter, loopVars, collection);
    }
    StringBuilder out = new StringBuilder();
    for (Node node : branch) {
      out.append(node.render(interpreter).getValue());
    }
    return out.toString();
  }

  /** Returns the items Python's {@code for} iterates over, or raises TypeError. */
  private static List<Object> iterable(Object collection) {
    if (collection instanceof Undefined) {
      return new ArrayList<>();
    }
    if (collection == null
        || collection instanceof Number
        || collection instanceof Boolean
        || !(collection instanceof Iterable
            || collection instanceof Map
            || collection instanceof String)) {
      throw new TemplateFailure(
          "TypeError", "'" + PythonValues.typeName(collection) + "' object is not iterable");
    }
    return Filters.list(collection);
  }

  /** Keeps the items for which {@code condition} holds with the loop variables bound to them. */
  private static List<Object> select(
      List<Object> items,
      List<String> loopVars,
      String condition,
      TagNode tagNode,
      JinjavaInterpreter interpreter) {
    List<Object> kept = new ArrayList<>();
    for (Object item : items) {
      try (var scope = interpreter.enterScope()) {
        bind(interpreter, loopVars, item);
        if (PythonValues.isTruthy(
            interpreter.resolveELExpression(condition, tagNode.getLineNumber()))) {
          kept.add(item);
        }
      }
    }
    return kept;
  }

  private static void bind(JinjavaInterpreter interpreter, List<String> loopVars, Object item) {
    if (loopVars.size() == 1) {
      interpreter.getContext().put(loopVars.get(0), item);
      return;
    }
    List<Object> parts = Filters.list(item);
    for (int i = 0; i < loopVars.size() && i < parts.size(); i++) {
      interpreter.getContext().put(loopVars.get(i), parts.get(i));
    }
  }
}
