package dev.stepline.load;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The step kinds the loader accepts, with the key that marks each in Julep spelling, the names
 * {@code kind:} accepts for it, and every key a step of that kind may have.
 */
public enum StepKind {
  PROMPT(
      "prompt",
      List.of("prompt"),
      List.of(
          "prompt",
          "model",
          "settings",
          "tools",
          "tool_choice",
          "unwrap",
          "auto_run_tools",
          "disable_cache",
          "secret_name",
          "template_variables")),
  TOOL(
      "tool",
      List.of("tool_call", "tool"),
      List.of("tool", "operation", "arguments", "secret_name")),
  EVALUATE("evaluate", List.of("evaluate", "transform"), List.of("evaluate", "expression")),
  WAIT_FOR_INPUT("wait_for_input", List.of("wait_for_input"), List.of("wait_for_input")),
  LOG("log", List.of("log"), List.of("log")),
  GET("get", List.of("get"), List.of("get")),
  SET("set", List.of("set"), List.of("set")),
  FOREACH("foreach", List.of("foreach"), List.of("foreach")),
  MAP(
      "over",
      List.of("map_reduce", "map"),
      List.of("over", "map", "reduce", "initial", "parallelism")),
  PARALLEL("parallel", List.of("parallel"), List.of("parallel")),
  IF("if", List.of("if_else", "if"), List.of("if", "then", "else")),
  SWITCH("switch", List.of("switch"), List.of("switch")),
  SLEEP("sleep", List.of("sleep"), List.of("sleep")),
  RETURN("return", List.of("return"), List.of("return")),
  WORKFLOW("workflow", List.of("workflow", "yield"), List.of("workflow", "arguments")),
  ERROR("error", List.of("error"), List.of("error")),
  TRY_CATCH("try", List.of("try_catch"), List.of("try", "catch"));

  /** Keys every step may have, whatever its kind. */
  public static final Set<String> COMMON_KEYS = Set.of("label", "kind", "output", "input");

  private final String key;
  private final List<String> kindNames;
  private final List<String> keys;

  StepKind(String key, List<String> kindNames, List<String> keys) {
    this.key = key;
    this.kindNames = kindNames;
    this.keys = keys;
  }

  /** The key whose presence makes a Julep-spelled step this kind. */
  public String key() {
    return key;
  }

  /** The names {@code kind:} accepts for this kind; the first is the canonical one. */
  public List<String> kindNames() {
    return kindNames;
  }

  /** The kind-specific keys a step of this kind may have. */
  public List<String> keys() {
    return keys;
  }

  /** Every key a step of this kind may have, common keys included. */
  public Set<String> allowedKeys() {
    Set<String> allowed = new LinkedHashSet<>(keys);
    allowed.addAll(COMMON_KEYS);
    return allowed;
  }

  static Optional<StepKind> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }

  static Optional<StepKind> byKindName(String name) {
    return Arrays.stream(values()).filter(k -> k.kindNames.contains(name)).findFirst();
  }

  static List<String> markerKeys() {
    return Arrays.stream(values()).map(StepKind::key).toList();
  }

  static List<String> allKindNames() {
    return Arrays.stream(values()).flatMap(k -> k.kindNames.stream()).distinct().toList();
  }
}
