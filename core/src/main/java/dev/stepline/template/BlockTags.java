package dev.stepline.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import java.util.ArrayList;
import java.util.List;

/** Jinja2's {@code with} and {@code filter} block tags, which Jinjava does not have. */
final class BlockTags {
  /** The variable that holds a filter block's rendered body while its filters run. */
  private static final String FILTER_BODY = "__stepline_filter_body__";

  private BlockTags() {}

  static List<Tag> all() {
    return List.of(new WithTag(), new FilterTag());
  }

  /** {@code {% with a = 1, b = x %}...{% endwith %}}: assignments visible inside the block. */
  static final class WithTag implements Tag {
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
      return "with";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
      List<String> names = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (String assignment : splitTopLevel(tagNode.getHelpers(), ',')) {
        int equals = assignment.indexOf('=');
        if (equals < 0) {
          throw new TemplateFailure(
              "TemplateSyntaxError", "expected token '=', got '" + assignment.strip() + "'");
        }
        names.add(assignment.substring(0, equals).strip());
        values.add(
            interpreter.resolveELExpression(
                assignment.substring(equals + 1), tagNode.getLineNumber()));
      }
      try (var scope = interpreter.enterScope()) {
        for (int i = 0; i < names.size(); i++) {
          interpreter.getContext().put(names.get(i), values.get(i));
        }
        return renderChildren(tagNode, interpreter);
      }
    }
  }

  /** {@code {% filter upper %}...{% endfilter %}}: applies filters to the rendered block. */
  static final class FilterTag implements Tag {
    private static final long serialVersionUID = 1L;

    @Override
    public String getName() {
      return "filter";
    }

    @Override
    public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
      String body = renderChildren(tagNode, interpreter);
      try (var scope = interpreter.enterScope()) {
        interpreter.getContext().put(FILTER_BODY, body);
        Object filtered =
            interpreter.resolveELExpression(
                FILTER_BODY + " | " + tagNode.getHelpers().strip(), tagNode.getLineNumber());
        return interpreter.getAsString(filtered);
      }
    }
  }

  private static String renderChildren(TagNode tagNode, JinjavaInterpreter interpreter) {
    StringBuilder out = new StringBuilder();
    for (Node child : tagNode.getChildren()) {
      out.append(child.render(interpreter).getValue());
    }
    return out.toString();
  }

  /** Splits {@code text} at {@code separator} outside brackets and string literals. */
  static List<String> splitTopLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    String token = String.valueOf(separator);
    int start = 0;
    for (int at = indexOfTopLevel(text, token, start);
        at >= 0;
        at = indexOfTopLevel(text, token, start)) {
      parts.add(text.substring(start, at));
      start = at + 1;
    }
    parts.add(text.substring(start));
    return parts;
  }

  /**
   * Returns where the first {@code token} outside brackets and string literals starts in {@code
   * text}, scanning from {@code from} (which must itself be outside them), or -1.
   */
  static int indexOfTopLevel(String text, String token, int from) {
    int depth = 0;
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && text.startsWith(token, i)) {
        return i;
      }
    }
    return -1;
  }
}
