package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
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
}
