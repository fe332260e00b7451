package dev.stepline.load;

import com.fasterxml.jackson.databind.node.NullNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.ValidationMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code input_schema} and checks that it is a valid JSON Schema, reporting each problem at
 * the YAML node it is about.
 */
final class InputSchemaReader {

  private final LoadContext context;

  InputSchemaReader(LoadContext context) {
    this.context = context;
  }

  /** Returns the schema as plain values, or {@code null} when it is absent or invalid. */
  Object read(Node node) {
    if (YamlNodes.isNull(node)) {
      return null;
    }
    if (context
        .mapping(
            node,
            "input_schema",
            "input_schema",
            "write a JSON Schema such as" + " `type: object` with `properties`")
        .isEmpty()) {
      return null;
    }
    Object schema = context.plain(node, "input_schema");
    List<ValidationMessage> problems = JsonSchemas.checkSchema(schema);
    Set<JsonNodePath> reported = new HashSet<>();
    for (ValidationMessage problem : problems) {
      if (reported.add(problem.getInstanceLocation())) {
        report(node, problem);
      }
    }
    if (!problems.isEmpty() || !resolves(node, schema)) {
      return null;
    }
    return schema;
  }

  private void report(Node root, ValidationMessage problem) {
    JsonNodePath location = problem.getInstanceLocation();
    Node at = find(root, location);
    context.error(
        at,
        "input_schema" + location.toString().substring(1),
        "`input_schema` is not a valid JSON Schema: "
            + problem.getError()
            + " (found "
            + YamlNodes.describe(at)
            + "); fix the schema at this position");
  }

  /** Compiles the schema once, which loads its references; reports references that cannot load. */
  private boolean resolves(Node node, Object schema) {
    try {
      JsonSchemas.checkInput(schema, NullNode.getInstance());
      return true;
    } catch (JsonSchemaException e) {
      context.error(
          node,
          "input_schema",
          "`input_schema` cannot be compiled ("
              + e.getMessage()
              + "); keep every `$ref` inside the schema, such as `#/$defs/name`");
      return false;
    }
  }

  /** Returns the node at a JSON path such as {@code $.properties.topic.type}, or the nearest. */
  private static Node find(Node root, JsonNodePath location) {
    Node current = root;
    for (int i = 0; i < location.getNameCount(); i++) {
      Node next = child(current, location.getElement(i));
      if (next == null) {
        return current;
      }
      current = next;
    }
    return current;
  }

  private static Node child(Node node, Object element) {
    if (node instanceof MappingNode mapping && element instanceof String name) {
      Map<String, NodeTuple> entries = LoadContext.entries(mapping);
      return entries.containsKey(name) ? entries.get(name).getValueNode() : null;
    }
    if (node instanceof SequenceNode sequence && element instanceof Integer index) {
      return index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
    }
    return null;
  }
}
