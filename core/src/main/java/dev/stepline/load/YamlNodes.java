package dev.stepline.load;

import dev.stepline.task.SourcePosition;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small helpers over SnakeYAML nodes: positions and how to describe a node in a message. */
final class YamlNodes {

  private static final int MAX_ECHO = 60;

  private YamlNodes() {}

  static SourcePosition position(String fileName, Node node) {
    return position(fileName, node.getStartMark());
  }

  /** Converts SnakeYAML's 0-based mark to a 1-based position. */
  static SourcePosition position(String fileName, Mark mark) {
    return new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
  }

  /**
   * Describes what the user wrote, for the {@code (found ...)} part of a message: a scalar echoes
   * its text in backticks (shortened to {@value #MAX_ECHO} characters), a collection says its type.
   */
  static String describe(Node node) {
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    ScalarNode scalar = (ScalarNode) node;
    if (scalar.getTag().equals(Tag.NULL)) {
      return "an empty value";
    }
    return "`" + echo(scalar.getValue()) + "`";
  }

  /** Shortens user text to one line for a message. */
  static String echo(String text) {
    String oneLine = text.strip().replace("\n", "\\n");
    return oneLine.length() <= MAX_ECHO ? oneLine : oneLine.substring(0, MAX_ECHO - 3) + "...";
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  static boolean isString(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR);
  }
}
