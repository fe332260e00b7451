package dev.stepline.validate;

import dev.stepline.diag.Diagnostics;
import dev.stepline.diag.Suggestions;
import dev.stepline.load.SourceIndex;
import dev.stepline.task.ContextNames;
import dev.stepline.task.SourcePosition;
import dev.stepline.task.Step;
import dev.stepline.task.Task;
import dev.stepline.task.ToolDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks what refers across the task: tools and workflows that steps call, labels, and {@code
 * output} names.
 */
final class ReferenceChecker implements TaskWalker.Visitor {

  /** Julep's bound on label length. */
  static final int MAX_LABEL = 120;

  /** Library names an expression sees besides the {@link ContextNames#BOUND} ones. */
  private static final Set<String> LIBRARY_NAMES =
      Set.of(
          "re",
          "json",
          "yaml",
          "datetime",
          "math",
          "statistics",
          "base64",
          "urllib",
          "random",
          "time",
          "string",
          "csv",
          "load_json",
          "dump_json",
          "extract_json",
          "match_regex",
          "search_regex",
          "NEWLINE",
          "true",
          "false",
          "null",
          "True",
          "False",
          "None");

  /** Names the expression context defines, which an {@code output} name must not hide. */
  static final Set<String> CONTEXT_NAMES =
      Stream.concat(ContextNames.BOUND.stream(), LIBRARY_NAMES.stream())
          .collect(Collectors.toUnmodifiableSet());

  /** Python keywords, which cannot be names either. */
  static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "as",
          "assert",
          "async",
          "await",
          "break",
          "class",
          "continue",
          "def",
          "del",
          "elif",
          "else",
          "except",
          "finally",
          "for",
          "from",
          "global",
          "if",
          "import",
          "in",
          "is",
          "lambda",
          "nonlocal",
          "not",
          "or",
          "pass",
          "raise",
          "return",
          "try",
          "while",
          "with",
          "yield");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private final Task task;
  private final SourceIndex index;
  private final Diagnostics diagnostics;
  private final Map<String, Map<String, Step>> labelsByWorkflow = new HashMap<>();

  ReferenceChecker(Task task, SourceIndex index, Diagnostics diagnostics) {
    this.task = task;
    this.index = index;
    this.diagnostics = diagnostics;
  }

  @Override
  public void step(Step step, String workflow) {
    checkLabel(step, workflow);
    checkOutput(step);
    if (step instanceof Step.ToolCall call) {
      checkTool(call);
    } else if (step instanceof Step.Workflow call) {
      checkWorkflow(call);
    }
  }

  private void checkTool(Step.ToolCall call) {
    if (task.tool(call.tool()).isPresent()) {
      return;
    }
    List<String> names = task.tools().stream().map(ToolDefinition::name).toList();
    String hint =
        names.isEmpty()
            ? "; declare it under `tools:` with a name and a type"
            : Suggestions.closest(call.tool(), names)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse("; declare it under `tools:` or call one of " + quoteAll(names));
    diagnostics.error(
        position(call, "tool"),
        call.info().path() + ".tool",
        "unknown tool (found `" + call.tool() + "`)" + hint);
  }

  private void checkWorkflow(Step.Workflow call) {
    if (call.workflow().equals("main")) {
      diagnostics.error(
          position(call, "workflow"),
          call.info().path() + ".workflow",
          "a step cannot call the main workflow (found `workflow: main`); move the steps to"
              + " repeat into a named subworkflow and call that");
      return;
    }
    if (task.workflows().containsKey(call.workflow())) {
      return;
    }
    List<String> names =
        task.workflows().keySet().stream().filter(name -> !name.equals("main")).toList();
    String hint =
        Suggestions.closest(call.workflow(), names)
            .map(s -> "; did you mean `" + s + "`?")
            .orElse(
                names.isEmpty()
                    ? "; define it as a top-level list of steps named `" + call.workflow() + "`"
                    : "; define it as a top-level list of steps, or call one of "
                        + quoteAll(names));
    diagnostics.error(
        position(call, "workflow"),
        call.info().path() + ".workflow",
        "unknown workflow (found `" + call.workflow() + "`)" + hint);
  }

  private void checkLabel(Step step, String workflow) {
    String label = step.info().label();
    if (label == null) {
      return;
    }
    String path = step.info().path() + ".label";
    if (DIGITS.matcher(label).matches()) {
      diagnostics.error(
          position(step, "label"),
          path,
          "a label cannot be only digits (found `"
              + label
              + "`), because `steps["
              + label
              + "]` would mean the step at that index; use a name such as `step_"
              + label
              + "`");
      return;
    }
    if (label.length() > MAX_LABEL) {
      diagnostics.error(
          position(step, "label"),
          path,
          "a label is at most "
              + MAX_LABEL
              + " characters (found "
              + label.length()
              + "); shorten it");
      return;
    }
    Step first =
        labelsByWorkflow.computeIfAbsent(workflow, w -> new HashMap<>()).putIfAbsent(label, step);
    if (first != null) {
      diagnostics.warning(
          position(step, "label"),
          path,
          "duplicate label `"
              + label
              + "` (first used at line "
              + position(first, "label").line()
              + "), so `steps['"
              + label
              + "']` reads only one of them; give each step its own label");
    }
  }

  private void checkOutput(Step step) {
    String output = step.info().output();
    if (output == null) {
      return;
    }
    String path = step.info().path() + ".output";
    if (!IDENTIFIER.matcher(output).matches() || KEYWORDS.contains(output)) {
      diagnostics.error(
          position(step, "output"),
          path,
          "an output name must be a Python identifier (found `"
              + output
              + "`); use letters, digits and `_`, not starting with a digit");
      return;
    }
    if (CONTEXT_NAMES.contains(output)) {
      diagnostics.error(
          position(step, "output"),
          path,
          "output name `"
              + output
              + "` hides the context name of the same name in later expressions; choose"
              + " another name, such as `"
              + output.replace("_", "")
              + "_result`");
    }
  }

  /** Returns the position of a step's field, or the step's own when the field was not indexed. */
  private SourcePosition position(Step step, String field) {
    return index.positionOf(step.info().path() + "." + field, step.info().position());
  }

  private static String quoteAll(List<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }
}
