package dev.stepline.load;

import dev.stepline.task.Step;
import dev.stepline.task.StepInfo;
import dev.stepline.task.Value;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code sleep} steps: {@code seconds}, {@code minutes}, {@code hours}, {@code days}. */
final class SleepReader {

  static final List<String> UNITS = List.of("seconds", "minutes", "hours", "days");

  private final LoadContext context;

  SleepReader(LoadContext context) {
    this.context = context;
  }

  Optional<Step> read(Fields fields, StepInfo info) {
    String path = fields.path("sleep");
    Optional<MappingNode> mapping =
        context.mapping(
            fields.node("sleep"), path, "sleep", "write `sleep: {seconds: 30}` or another unit");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Fields units = new Fields(context, LoadContext.entries(mapping.get()), path);
    if (!units.onlyKeys("sleep", UNITS)) {
      return Optional.empty();
    }
    if (units.entries().isEmpty()) {
      context.error(
          mapping.get(),
          path,
          "`sleep` needs a duration (found no keys); write `seconds`, `minutes`, `hours` or"
              + " `days`");
      return Optional.empty();
    }
    boolean ok = true;
    for (String unit : UNITS) {
      if (units.has(unit)) {
        ok &= checkAmount(units.value(unit), units.node(unit), units.path(unit), unit);
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(
        new Step.Sleep(
            info,
            read(units, "seconds"),
            read(units, "minutes"),
            read(units, "hours"),
            read(units, "days")));
  }

  private static Value read(Fields units, String unit) {
    return units.has(unit) ? units.value(unit) : null;
  }

  private boolean checkAmount(Value value, Node node, String path, String unit) {
    if (value instanceof Value.Expression) {
      return true;
    }
    if (value instanceof Value.Literal literal
        && literal.value() instanceof Number number
        && number.doubleValue() >= 0) {
      return true;
    }
    context.error(
        node,
        path,
        "`"
            + unit
            + "` must be a number of "
            + unit
            + " that is zero or more, or a `$ ` expression (found "
            + YamlNodes.describe(node)
            + "); write a duration such as `"
            + unit
            + ": 5`");
    return false;
  }
}
