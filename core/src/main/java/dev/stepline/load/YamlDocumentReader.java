package dev.stepline.load;

import dev.stepline.diag.Diagnostics;
import dev.stepline.expr.lib.PyYamlResolver;
import dev.stepline.task.SourcePosition;
import java.io.StringReader;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Parses the text of a task file into one SnakeYAML node tree with YAML 1.1 tag resolution (as
 * PyYAML, which Julep uses) and start marks on every node.
 *
 * <p>Rejects what would make the rest of the front end unsafe or ambiguous: files over {@link
 * YamlLimits#MAX_CHARACTERS}, more than one document, too many aliases or too deep nesting,
 * documents that expand to too many nodes, duplicate keys, keys that are not scalars, and a top
 * level that is not a mapping.
 */
final class YamlDocumentReader {

  private final String fileName;
  private final Diagnostics diagnostics;

  YamlDocumentReader(String fileName, Diagnostics diagnostics) {
    this.fileName = fileName;
    this.diagnostics = diagnostics;
  }

  /** Returns the document's top-level mapping, or empty after reporting why there is none. */
  Optional<MappingNode> read(String text) {
    if (text.length() > YamlLimits.MAX_CHARACTERS) {
      diagnostics.error(
          start(),
          "",
          "task file is too large (found "
              + text.length()
              + " characters); the limit is "
              + YamlLimits.MAX_CHARACTERS
              + ", so split the task or move data into its input");
      return Optional.empty();
    }
    Node root;
    try {
      Composed composed = compose(text);
      if (composed.second() != null) {
        diagnostics.error(
            YamlNodes.position(fileName, composed.second()),
            "",
            "a task file must hold one YAML document (found a second document); "
                + "remove the `---` separator or split the file");
        return Optional.empty();
      }
      root = composed.first();
    } catch (MarkedYAMLException e) {
      diagnostics.error(position(e), "", syntaxMessage(e));
      return Optional.empty();
    } catch (YAMLException e) {
      diagnostics.error(start(), "", limitMessage(firstLine(e.getMessage())));
      return Optional.empty();
    }
    if (root == null) {
      diagnostics.error(
          start(), "", "task file is empty; write a mapping with `name` and `main` steps");
      return Optional.empty();
    }
    if (!(root instanceof MappingNode mapping)) {
      diagnostics.error(
          YamlNodes.position(fileName, root),
          "",
          "the top level of a task file must be a mapping (found "
              + YamlNodes.describe(root)
              + "); write keys such as `name:` and `main:` at the top level");
      return Optional.empty();
    }
    if (!checkStructure(mapping)) {
      return Optional.empty();
    }
    return Optional.of(mapping);
  }

  private record Composed(Node first, Node second) {}

  private Composed compose(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(YamlLimits.MAX_ALIASES);
    options.setNestingDepthLimit(YamlLimits.MAX_DEPTH);
    options.setCodePointLimit(YamlLimits.MAX_CHARACTERS);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(true);
    Composer composer =
        new Composer(
            new ParserImpl(new StreamReader(new StringReader(text)), options),
            new PyYamlResolver(),
            options);
    Node first = composer.checkNode() ? composer.getNode() : null;
    Node second = composer.checkNode() ? composer.getNode() : null;
    return new Composed(first, second);
  }

  /** Checks keys and the expanded size; returns false when an error was reported. */
  private boolean checkStructure(MappingNode root) {
    StructureCheck check = new StructureCheck();
    check.visit(root);
    return !check.failed;
  }

  private final class StructureCheck {
    private final Map<Node, Boolean> checkedMappings = new IdentityHashMap<>();
    private final Map<Node, Boolean> ancestors = new IdentityHashMap<>();
    private long visited;
    private boolean failed;

    void visit(Node node) {
      if (failed) {
        return;
      }
      if (++visited > YamlLimits.MAX_EXPANDED_NODES) {
        diagnostics.error(
            YamlNodes.position(fileName, node),
            "",
            "the document expands to more than "
                + YamlLimits.MAX_EXPANDED_NODES
                + " nodes through aliases; write the values out instead of nesting aliases");
        failed = true;
        return;
      }
      if (node instanceof ScalarNode) {
        return;
      }
      if (ancestors.put(node, Boolean.TRUE) != null) {
        diagnostics.error(
            YamlNodes.position(fileName, node),
            "",
            "an alias refers to a list or mapping that contains the alias, which makes an"
                + " endless value; write the value out without the alias");
        failed = true;
        return;
      }
      if (node instanceof SequenceNode sequence) {
        sequence.getValue().forEach(this::visit);
      } else if (node instanceof MappingNode mapping) {
        if (checkedMappings.put(mapping, Boolean.TRUE) == null) {
          checkKeys(mapping);
        }
        mapping.getValue().forEach(tuple -> visit(tuple.getValueNode()));
      }
      ancestors.remove(node);
    }

    private void checkKeys(MappingNode mapping) {
      Map<String, Node> seen = new HashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node key = tuple.getKeyNode();
        if (!(key instanceof ScalarNode scalar)) {
          diagnostics.error(
              YamlNodes.position(fileName, key),
              "",
              "a mapping key must be a plain value (found "
                  + YamlNodes.describe(key)
                  + "); write the key as a string");
          failed = true;
          continue;
        }
        Node first = seen.putIfAbsent(scalar.getValue(), key);
        if (first != null) {
          diagnostics.error(
              YamlNodes.position(fileName, key),
              "",
              "duplicate key `"
                  + scalar.getValue()
                  + "` (first written at line "
                  + (first.getStartMark().getLine() + 1)
                  + "); remove one of them or rename it");
          failed = true;
        }
      }
    }
  }

  private SourcePosition position(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return mark == null ? start() : YamlNodes.position(fileName, mark);
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    if (problem.contains("Number of aliases") || problem.contains("Nesting Depth")) {
      return limitMessage(problem);
    }
    Mark context = e.getContextMark();
    String where =
        e.getContext() == null
            ? ""
            : " "
                + e.getContext()
                + (context == null
                    ? ""
                    : " (started at line "
                        + (context.getLine() + 1)
                        + ", column "
                        + (context.getColumn() + 1)
                        + ")");
    return "invalid YAML" + where + ": " + problem + "; fix the YAML syntax at this position";
  }

  /** Explains SnakeYAML's limit errors, or reports another error as invalid YAML. */
  private static String limitMessage(String problem) {
    if (problem.contains("Number of aliases")) {
      return "too many aliases to lists and mappings in one document (the limit is "
          + YamlLimits.MAX_ALIASES
          + "); write the values out instead of repeating aliases";
    }
    if (problem.contains("Nesting Depth")) {
      return "lists and mappings are nested too deeply (the limit is "
          + YamlLimits.MAX_DEPTH
          + " levels); flatten the structure";
    }
    return "invalid YAML: " + problem + "; fix the YAML syntax";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable document";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private SourcePosition start() {
    return new SourcePosition(fileName, 1, 1);
  }
}
