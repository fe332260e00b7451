package dev.stepline.template;

import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.util.List;
import java.util.function.Predicate;
import jinjava.de.odysseus.el.tree.IdentifierNode;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;

/**
 * Parses every expression of a template tree ahead of rendering, because Jinjava parses expressions
 * only when it renders them, while Jinja2 rejects a bad expression anywhere in a template at once.
 * Reports each error at its line and column inside the template.
 */
final class ExpressionCheck {
  private static final String FILTER = ExtendedParser.FILTER_PREFIX;
  private static final String TEST = ExtendedParser.EXPTEST_PREFIX;

  private final PythonSyntaxBuilder builder = new PythonSyntaxBuilder();
  private final Predicate<String> isFilter;
  private final Predicate<String> isTest;

  ExpressionCheck(Predicate<String> isFilter, Predicate<String> isTest) {
    this.isFilter = isFilter;
    this.isTest = isTest;
  }

  void check(Node node, List<TemplateFailure> errors) {
    if (node instanceof ExpressionNode) {
      ExpressionToken token = (ExpressionToken) node.getMaster();
      parse(token.getExpr(), token.getImage(), node, errors);
    } else if (node instanceof TagNode) {
      TagNode tag = (TagNode) node;
      String expression = tagExpression(tag);
      if (expression != null) {
        parse(expression, tag.getMaster().getImage(), node, errors);
      }
    }
    for (Node child : node.getChildren()) {
      check(child, errors);
    }
  }

  /** Returns the expression part of a tag whose arguments contain one, else null. */
  private static String tagExpression(TagNode tag) {
    String helpers = tag.getHelpers().strip();
    switch (tag.getName()) {
      case "if":
      case "elif":
        return helpers;
      case "for":
        int in = helpers.indexOf(" in ");
        return in < 0 ? "" : helpers.substring(in + 4).strip();
      case "set":
        int equals = helpers.indexOf('=');
        // Jinjava evaluates the right side as a list, so that {% set a, b = 1, 2 %} unpacks.
        return equals < 0 ? null : "[" + helpers.substring(equals + 1).strip() + "]";
      default:
        return null;
    }
  }

  private void parse(String expression, String image, Node node, List<TemplateFailure> errors) {
    if (expression == null) {
      return;
    }
    String trimmed = expression.strip();
    if (trimmed.isEmpty()) {
      errors.add(
          new TemplateFailure(
                  "TemplateSyntaxError", "expected an expression (found '" + image + "')")
              .at(node.getLineNumber(), node.getStartPosition()));
      return;
    }
    int column = node.getStartPosition() + Math.max(image.indexOf(trimmed), 0);
    Tree tree;
    try {
      tree = builder.build("#{" + trimmed + "}");
    } catch (TreeBuilderException e) {
      boolean atEnd = e.getPosition() >= trimmed.length() + 2;
      String problem = atEnd ? "unexpected end of expression" : "unexpected " + e.getEncountered();
      errors.add(
          new TemplateFailure("TemplateSyntaxError", problem + " (found '" + trimmed + "')")
              .at(node.getLineNumber(), column + Math.max(e.getPosition() - 2, 0)));
      return;
    }
    for (IdentifierNode identifier : tree.getIdentifierNodes()) {
      String name = identifier.getName();
      if (name.startsWith(FILTER) && !isFilter.test(name.substring(FILTER.length()))) {
        errors.add(
            new TemplateFailure(
                    "TemplateAssertionError",
                    "No filter named '" + name.substring(FILTER.length()) + "'.")
                .at(node.getLineNumber(), column));
      } else if (name.startsWith(TEST) && !isTest.test(name.substring(TEST.length()))) {
        errors.add(
            new TemplateFailure(
                    "TemplateAssertionError",
                    "No test named '" + name.substring(TEST.length()) + "'.")
                .at(node.getLineNumber(), column));
      }
    }
  }
}
