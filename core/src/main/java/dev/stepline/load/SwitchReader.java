package dev.stepline.load;

import dev.stepline.task.Step;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code switch} steps: a list of {@code case}/{@code then} pairs, {@code case: _} last. */
final class SwitchReader {

  private final LoadContext context;
  private final StepNormaliser steps;

  SwitchReader(LoadContext context, StepNormaliser steps) {
    this.context = context;
    this.steps = steps;
  }

  Optional<Step> read(Fields fields, StepInfo info) {
    Node node = fields.node("switch");
    String path = fields.path("switch");
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      context.error(
          node,
          path,
          "`switch` must be a non-empty list of cases (found "
              + YamlNodes.describe(node)
              + "); write `- case: $ <condition>` with `then:` for each case");
      return Optional.empty();
    }
    List<Step.Case> cases = new ArrayList<>();
    boolean ok = true;
    Node defaultCase = null;
    List<Node> nodes = sequence.getValue();
    for (int i = 0; i < nodes.size(); i++) {
      String casePath = path + "[" + i + "]";
      if (defaultCase != null) {
        context.warning(
            nodes.get(i),
            casePath,
            "this case can never run because `case: _` (line "
                + (defaultCase.getStartMark().getLine() + 1)
                + ") matches first; move `case: _` to the end");
      }
      Optional<Step.Case> read = readCase(nodes.get(i), casePath);
      ok &= read.isPresent();
      if (read.isPresent()) {
        cases.add(read.get());
        if (read.get().isDefault() && defaultCase == null) {
          defaultCase = nodes.get(i);
        }
      }
    }
    return ok ? Optional.of(new Step.Switch(info, cases)) : Optional.empty();
  }

  private Optional<Step.Case> readCase(Node node, String path) {
    Optional<MappingNode> mapping =
        context.mapping(node, path, "case", "write `- case: $ <condition>` with `then:`");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Map<String, NodeTuple> entries = LoadContext.entries(mapping.get());
    Fields fields = new Fields(context, entries, path);
    if (!fields.onlyKeys("case", List.of("case", "then"))
        || !fields.require(mapping.get(), "a `switch` case", "case", "then")) {
      return Optional.empty();
    }
    Node condition = fields.node("case");
    boolean isDefault = YamlNodes.isString(condition) && context.isUnderscore(condition);
    Value value = isDefault ? null : fields.expression("case");
    List<Step> then = steps.block(fields.node("then"), fields.path("then"), "then");
    return Optional.of(new Step.Case(value, isDefault, then, context.position(node)));
  }
}
