package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A payload template (Parameters, ResultSelector, ItemSelector): a JSON value whose fields named
 * {@code key.$} take their value from a path or an intrinsic function call.
 */
final class PayloadTemplate {
  private sealed interface Node permits Constant, ObjectTemplate, ArrayTemplate, Dynamic {}

  private record Constant(JsonNode value) implements Node {}

  private record ObjectTemplate(List<String> keys, List<Node> values) implements Node {}

  private record ArrayTemplate(List<Node> elements) implements Node {}

  /** A {@code key.$} field: a path or an intrinsic call. */
  private record Dynamic(String field, JsonPath path, Intrinsics.Call call) implements Node {}

  private final Node root;

  private PayloadTemplate(Node root) {
    this.root = root;
  }

  /**
   * Compiles {@code template}, adding what is wrong to {@code problems} and the intrinsic function
   * names and context paths it uses to {@code features}.
   */
  static PayloadTemplate compile(
      JsonNode template, String where, List<String> problems, Set<String> features) {
    return new PayloadTemplate(compileNode(template, where, problems, features));
  }

  private static Node compileNode(
      JsonNode template, String where, List<String> problems, Set<String> features) {
    if (template.isArray()) {
      List<Node> elements = new ArrayList<>();
      for (int i = 0; i < template.size(); i++) {
        elements.add(compileNode(template.get(i), where + "/" + i, problems, features));
      }
      return new ArrayTemplate(elements);
    }
    if (!template.isObject()) {
      return new Constant(template);
    }
    List<String> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      String fieldWhere = where + "/" + key;
      if (key.endsWith(".$")) {
        keys.add(key.substring(0, key.length() - 2));
        values.add(compileDynamic(key, field.getValue(), fieldWhere, problems, features));
      } else {
        keys.add(key);
        values.add(compileNode(field.getValue(), fieldWhere, problems, features));
      }
    }
    return new ObjectTemplate(keys, values);
  }

  private static Node compileDynamic(
      String key, JsonNode value, String where, List<String> problems, Set<String> features) {
    if (!value.isTextual()) {
      problems.add(
          where
              + ": a field ending in .$ must hold a path or an intrinsic function (found "
              + value
              + ")");
      return new Constant(value);
    }
    String text = value.asText();
    try {
      if (text.startsWith("$")) {
        JsonPath path = JsonPath.parse(text);
        if (path.isContext()) {
          features.add(path.contextFeature());
        }
        return new Dynamic(key, path, null);
      }
      Intrinsics.Call call = Intrinsics.parse(text);
      Intrinsics.collectFeatures(call, features);
      return new Dynamic(key, null, call);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return new Constant(value);
    }
  }

  /** Builds the payload from {@code input} and the context object. */
  JsonNode apply(JsonNode input, JsonNode context) {
    return evaluate(root, input, context);
  }

  private static JsonNode evaluate(Node node, JsonNode input, JsonNode context) {
    if (node instanceof Constant constant) {
      return constant.value();
    }
    if (node instanceof ArrayTemplate array) {
      ArrayNode result = JsonNodeFactory.instance.arrayNode(array.elements().size());
      for (Node element : array.elements()) {
        result.add(evaluate(element, input, context));
      }
      return result;
    }
    if (node instanceof ObjectTemplate object) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < object.keys().size(); i++) {
        result.set(object.keys().get(i), evaluate(object.values().get(i), input, context));
      }
      return result;
    }
    Dynamic dynamic = (Dynamic) node;
    if (dynamic.call() != null) {
      return dynamic.call().evaluate(input, context);
    }
    JsonNode value = dynamic.path().read(input, context);
    if (value == null) {
      throw StateFailure.runtime(
          "The JSONPath '"
              + dynamic.path().text()
              + "' specified for the field '"
              + dynamic.field()
              + "' could not be found in the input '"
              + Json.write(dynamic.path().isContext() ? context : input)
              + "'");
    }
    return value;
  }
}
