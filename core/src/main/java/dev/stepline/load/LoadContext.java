package dev.stepline.load;

import dev.stepline.diag.Diagnostics;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * What the normalisers share while reading one file: its name, the diagnostics, and conversions
 * from YAML nodes to model values that report type errors at the node.
 */
final class LoadContext {

  private final String fileName;
  private final Diagnostics diagnostics;
  private final ScalarConverter converter = new ScalarConverter();

  LoadContext(String fileName, Diagnostics diagnostics) {
    this.fileName = fileName;
    this.diagnostics = diagnostics;
  }

  String fileName() {
    return fileName;
  }

  SourcePosition position(Node node) {
    return YamlNodes.position(fileName, node);
  }

  void error(Node node, String path, String message) {
    diagnostics.error(position(node), path, message);
  }

  void warning(Node node, String path, String message) {
    diagnostics.warning(position(node), path, message);
  }

  void warningAt(SourcePosition position, String path, String message) {
    diagnostics.warning(position, path, message);
  }

  /** Returns whether a scalar is exactly {@code _}, the default case of a switch. */
  boolean isUnderscore(Node node) {
    return node instanceof ScalarNode scalar && scalar.getValue().strip().equals("_");
  }

  /** Returns a mapping's entries by key text, in file order (duplicates were rejected earlier). */
  static Map<String, NodeTuple> entries(MappingNode mapping) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      entries.put(((ScalarNode) tuple.getKeyNode()).getValue(), tuple);
    }
    return entries;
  }

  /** Reads any node as a model value; strings are classified by the language rules. */
  Value value(Node node, String path) {
    return value(node, path, false);
  }

  /** Reads a node of a field that only takes expressions (see {@link StringValues}). */
  Value expressionValue(Node node, String path) {
    return value(node, path, true);
  }

  private Value value(Node node, String path, boolean expressionField) {
    SourcePosition position = position(node);
    if (node instanceof SequenceNode sequence) {
      List<Value> items = new ArrayList<>();
      List<Node> nodes = sequence.getValue();
      for (int i = 0; i < nodes.size(); i++) {
        items.add(value(nodes.get(i), path + "[" + i + "]", false));
      }
      return new Value.ListOf(items, position);
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Value> entries = new LinkedHashMap<>();
      entries(mapping)
          .forEach((key, tuple) -> entries.put(key, value(tuple.getValueNode(), path + "." + key)));
      return new Value.MapOf(entries, position);
    }
    ScalarNode scalar = (ScalarNode) node;
    Object plain = scalar(scalar, path);
    if (plain instanceof String text && scalar.getTag().equals(Tag.STR)) {
      return StringValues.classify(text, position, contentOffset(scalar), expressionField);
    }
    return new Value.Literal(plain, position);
  }

  /** Reads a node as plain JSON-like values (maps, lists, scalars), for schemas and metadata. */
  Object plain(Node node, String path) {
    if (node instanceof SequenceNode sequence) {
      List<Object> items = new ArrayList<>();
      List<Node> nodes = sequence.getValue();
      for (int i = 0; i < nodes.size(); i++) {
        items.add(plain(nodes.get(i), path + "[" + i + "]"));
      }
      return items;
    }
    if (node instanceof MappingNode mapping) {
      Map<String, Object> entries = new LinkedHashMap<>();
      entries(mapping)
          .forEach((key, tuple) -> entries.put(key, plain(tuple.getValueNode(), path + "." + key)));
      return entries;
    }
    return scalar((ScalarNode) node, path);
  }

  private Object scalar(ScalarNode scalar, String path) {
    try {
      return converter.convert(scalar);
    } catch (YAMLException e) {
      error(
          scalar,
          path,
          "unsupported YAML tag "
              + scalar.getTag().getValue()
              + " (found "
              + YamlNodes.describe(scalar)
              + "); remove the tag or use a standard one such as !!str");
      return scalar.getValue();
    }
  }

  /** Returns the text of a string scalar, or empty after reporting a type error. */
  Optional<String> string(Node node, String path, String field) {
    if (YamlNodes.isString(node)) {
      return Optional.of(((ScalarNode) node).getValue());
    }
    error(
        node,
        path,
        "`"
            + field
            + "` must be a string (found "
            + YamlNodes.describe(node)
            + ")"
            + quoteHint(node));
    return Optional.empty();
  }

  /** Returns a mapping, or empty after reporting a type error. */
  Optional<MappingNode> mapping(Node node, String path, String field, String hint) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(mapping);
    }
    error(
        node,
        path,
        "`" + field + "` must be a mapping (found " + YamlNodes.describe(node) + "); " + hint);
    return Optional.empty();
  }

  /** Returns a boolean, or empty after reporting a type error. */
  Optional<Boolean> bool(Node node, String path, String field) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
      return Optional.of((Boolean) scalar(scalar, path));
    }
    error(
        node,
        path,
        "`"
            + field
            + "` must be true or false (found "
            + YamlNodes.describe(node)
            + "); write `"
            + field
            + ": true` or `"
            + field
            + ": false`");
    return Optional.empty();
  }

  /** Returns an integer, or empty after reporting a type error. */
  Optional<Long> integer(Node node, String path, String field) {
    if (node instanceof ScalarNode scalar
        && scalar.getTag().equals(Tag.INT)
        && scalar(scalar, path) instanceof Long number) {
      return Optional.of(number);
    }
    error(
        node,
        path,
        "`" + field + "` must be a whole number (found " + YamlNodes.describe(node) + ")");
    return Optional.empty();
  }

  private static String quoteHint(Node node) {
    if (node instanceof ScalarNode) {
      return "; put the value in quotes to make it a string";
    }
    return "";
  }

  /** Returns how many columns the scalar's text starts after its position (quotes). */
  private static int contentOffset(ScalarNode scalar) {
    DumperOptions.ScalarStyle style = scalar.getScalarStyle();
    return style == DumperOptions.ScalarStyle.SINGLE_QUOTED
            || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED
        ? 1
        : 0;
  }
}
