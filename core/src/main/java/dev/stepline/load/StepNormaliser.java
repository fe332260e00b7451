package dev.stepline.load;

import dev.stepline.task.Step;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Normalises step mappings of either spelling into {@link Step} records, reporting shape and type
 * errors at the offending node. A step with an error is left out of the result, so one mistake
 * gives one diagnostic and no follow-up noise.
 */
final class StepNormaliser {

  /** Julep's bounds for {@code parallelism}. */
  static final int MAX_PARALLELISM = 100;

  private final LoadContext context;
  private final StepKindResolver resolver;
  private final PromptReader prompts;

  StepNormaliser(LoadContext context) {
    this.context = context;
    this.resolver = new StepKindResolver(context);
    this.prompts = new PromptReader(context);
  }

  /** Reads a workflow: a non-empty list of steps at {@code name[i]}. */
  List<Step> workflow(Node node, String name) {
    if (!(node instanceof SequenceNode sequence)) {
      context.error(
          node,
          name,
          "workflow `"
              + name
              + "` must be a list of steps (found "
              + YamlNodes.describe(node)
              + "); start each step with `- `");
      return List.of();
    }
    if (sequence.getValue().isEmpty()) {
      context.error(
          node, name, "workflow `" + name + "` has no steps; add at least one step to it");
      return List.of();
    }
    return stepList(sequence, name);
  }

  /** Reads a block field ({@code then}, {@code do}, ...) that takes one step or a list. */
  List<Step> block(Node node, String path, String field) {
    if (node instanceof SequenceNode sequence) {
      if (sequence.getValue().isEmpty()) {
        context.error(
            node, path, "`" + field + "` has no steps; give it one step or a list of steps");
        return List.of();
      }
      return stepList(sequence, path);
    }
    return step(node, path + "[0]").map(List::of).orElse(List.of());
  }

  private List<Step> stepList(SequenceNode sequence, String path) {
    List<Step> steps = new ArrayList<>();
    List<Node> nodes = sequence.getValue();
    for (int i = 0; i < nodes.size(); i++) {
      step(nodes.get(i), path + "[" + i + "]").ifPresent(steps::add);
    }
    return steps;
  }

  /** Reads one step, or returns empty after reporting what is wrong with it. */
  Optional<Step> step(Node node, String path) {
    if (!(node instanceof MappingNode mapping)) {
      context.error(
          node,
          path,
          "a step must be a mapping (found "
              + YamlNodes.describe(node)
              + "); write a step such as `- log: hello`");
      return Optional.empty();
    }
    Map<String, NodeTuple> entries = LoadContext.entries(mapping);
    entries.forEach((key, tuple) -> context.index(path + "." + key, tuple.getValueNode()));
    Optional<StepKind> kind = resolver.resolve(mapping, entries, path);
    Optional<StepInfo> info = info(mapping, entries, path);
    if (kind.isEmpty() || info.isEmpty()) {
      return Optional.empty();
    }
    return build(kind.get(), new Fields(context, entries, path), info.get());
  }

  private Optional<StepInfo> info(MappingNode step, Map<String, NodeTuple> entries, String path) {
    boolean ok = true;
    String label = null;
    String output = null;
    Map<String, Value> input = Map.of();
    if (entries.containsKey("label")) {
      Optional<String> read = label(entries.get("label").getValueNode(), path + ".label");
      ok &= read.isPresent();
      label = read.orElse(null);
    }
    if (entries.containsKey("output")) {
      Optional<String> read =
          context.string(entries.get("output").getValueNode(), path + ".output", "output");
      ok &= read.isPresent();
      output = read.orElse(null);
    }
    if (entries.containsKey("input")) {
      Optional<Map<String, Value>> read =
          valueMap(entries.get("input").getValueNode(), path + ".input", "input");
      ok &= read.isPresent();
      input = read.orElse(Map.of());
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new StepInfo(path, label, output, input, context.position(step)));
  }

  /**
   * Reads a label. An unquoted number such as {@code label: 1} is kept as its text, so that the
   * validator reports the all-digits rule instead of asking for quotes that would not help.
   */
  private Optional<String> label(Node node, String path) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.INT)) {
      return Optional.of(scalar.getValue());
    }
    return context.string(node, path, "label");
  }

  private Optional<Step> build(StepKind kind, Fields fields, StepInfo info) {
    return switch (kind) {
      case PROMPT -> prompts.read(fields, info);
      case TOOL -> toolCall(fields, info);
      case EVALUATE -> evaluate(fields, info);
      case WAIT_FOR_INPUT -> waitForInput(fields, info);
      case LOG -> Optional.of(new Step.Log(info, fields.value("log")));
      case GET -> fields.string("get").map(key -> new Step.Get(info, key));
      case SET ->
          fields
              .mapValue("set", "write `set:` with a mapping of state keys to values")
              .map(values -> new Step.Set(info, values));
      case FOREACH -> foreach(fields, info);
      case MAP -> mapReduce(fields, info);
      case PARALLEL -> parallel(fields, info);
      case IF -> ifElse(fields, info);
      case SWITCH -> new SwitchReader(context, this).read(fields, info);
      case SLEEP -> new SleepReader(context).read(fields, info);
      case RETURN -> Optional.of(new Step.Return(info, fields.value("return")));
      case WORKFLOW ->
          fields
              .string("workflow")
              .map(name -> new Step.Workflow(info, name, fields.argumentsOrPrevious(info)));
      case ERROR -> Optional.of(new Step.Error(info, fields.value("error")));
      case TRY_CATCH -> tryCatch(fields, info);
    };
  }

  private Optional<Step> toolCall(Fields fields, StepInfo info) {
    Optional<String> tool = fields.string("tool");
    Optional<String> operation = fields.optionalString("operation");
    Optional<String> secret = fields.optionalString("secret_name");
    if (tool.isEmpty() || operation == null || secret == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Step.ToolCall(
            info,
            tool.get(),
            operation.orElse(null),
            fields.argumentsOrPrevious(info),
            secret.orElse(null)));
  }

  private Optional<Step> evaluate(Fields fields, StepInfo info) {
    if (fields.has("evaluate") && fields.has("expression")) {
      context.error(
          fields.keyNode("expression"),
          fields.path("expression"),
          "an evaluate step has either `evaluate` or `expression` (found both); keep one");
      return Optional.empty();
    }
    if (fields.has("expression")) {
      return Optional.of(new Step.Evaluate(info, fields.value("expression")));
    }
    Optional<Value.MapOf> values =
        fields.mapValue(
            "evaluate",
            "write `evaluate:` with a mapping of names to values, or use `expression:`");
    values.ifPresent(map -> warnLabelInside(map, fields));
    return values.map(map -> new Step.Evaluate(info, map));
  }

  /** Warns about {@code label} written one level too deep, where it becomes an output key. */
  private void warnLabelInside(Value.MapOf values, Fields fields) {
    Value label = values.entries().get("label");
    if (label != null && fields.has("evaluate")) {
      context.warningAt(
          label.position(),
          fields.path("evaluate") + ".label",
          "`label` inside `evaluate` makes an output key named `label`, not a step label;"
              + " to label the step, move `label` up to the step's level");
    }
  }

  private Optional<Step> waitForInput(Fields fields, StepInfo info) {
    Node node = fields.node("wait_for_input");
    String path = fields.path("wait_for_input");
    Optional<MappingNode> mapping =
        context.mapping(node, path, "wait_for_input", "write `wait_for_input: {info: ...}`");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields inner = new Fields(context, LoadContext.entries(mapping.get()), path);
    if (!inner.onlyKeys("wait_for_input", List.of("info"))
        || !inner.require(mapping.get(), "`wait_for_input`", "info")) {
      return Optional.empty();
    }
    return Optional.of(new Step.WaitForInput(info, inner.value("info")));
  }

  private Optional<Step> foreach(Fields fields, StepInfo info) {
    String path = fields.path("foreach");
    Optional<MappingNode> mapping =
        context.mapping(
            fields.node("foreach"), path, "foreach", "write `foreach:` with `in:` and `do:`");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields inner = new Fields(context, LoadContext.entries(mapping.get()), path);
    if (!inner.onlyKeys("foreach", List.of("in", "do"))
        || !inner.require(mapping.get(), "`foreach`", "in", "do")) {
      return Optional.empty();
    }
    List<Step> body = block(inner.node("do"), inner.path("do"), "do");
    return Optional.of(new Step.Foreach(info, inner.expression("in"), body));
  }

  private Optional<Step> mapReduce(Fields fields, StepInfo info) {
    int parallelism = 1;
    if (fields.has("parallelism")) {
      Optional<Long> read = fields.integer("parallelism");
      if (read.isEmpty()) {
        return Optional.empty();
      }
      if (read.get() < 1 || read.get() > MAX_PARALLELISM) {
        context.error(
            fields.node("parallelism"),
            fields.path("parallelism"),
            "`parallelism` must be from 1 to "
                + MAX_PARALLELISM
                + " (found `"
                + read.get()
                + "`); choose how many items run at once in that range");
        return Optional.empty();
      }
      parallelism = read.get().intValue();
    }
    List<Step> map = block(fields.node("map"), fields.path("map"), "map");
    Value reduce = fields.has("reduce") ? fields.expression("reduce") : null;
    Value initial = fields.has("initial") ? fields.value("initial") : null;
    return Optional.of(
        new Step.MapReduce(info, fields.expression("over"), map, reduce, initial, parallelism));
  }

  private Optional<Step> parallel(Fields fields, StepInfo info) {
    Node node = fields.node("parallel");
    String path = fields.path("parallel");
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      context.error(
          node,
          path,
          "`parallel` must be a non-empty list of branches (found "
              + YamlNodes.describe(node)
              + "); write one step, or a list of steps, per branch");
      return Optional.empty();
    }
    List<List<Step>> branches = new ArrayList<>();
    List<Node> nodes = sequence.getValue();
    for (int b = 0; b < nodes.size(); b++) {
      branches.add(block(nodes.get(b), path + "[" + b + "]", "parallel"));
    }
    return Optional.of(new Step.Parallel(info, branches));
  }

  private Optional<Step> ifElse(Fields fields, StepInfo info) {
    List<Step> then = block(fields.node("then"), fields.path("then"), "then");
    List<Step> otherwise =
        fields.has("else") ? block(fields.node("else"), fields.path("else"), "else") : List.of();
    return Optional.of(new Step.IfElse(info, fields.expression("if"), then, otherwise));
  }

  private Optional<Step> tryCatch(Fields fields, StepInfo info) {
    List<Step> trySteps = block(fields.node("try"), fields.path("try"), "try");
    List<Step> catchSteps = block(fields.node("catch"), fields.path("catch"), "catch");
    return Optional.of(new Step.TryCatch(info, trySteps, catchSteps));
  }

  Optional<Map<String, Value>> valueMap(Node node, String path, String field) {
    Optional<MappingNode> mapping =
        context.mapping(
            node, path, field, "write `" + field + ":` with a mapping of names to values");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Value> values = new LinkedHashMap<>();
    LoadContext.entries(mapping.get())
        .forEach(
            (key, tuple) -> values.put(key, context.value(tuple.getValueNode(), path + "." + key)));
    return Optional.of(values);
  }
}
