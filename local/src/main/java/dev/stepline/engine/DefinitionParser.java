package dev.stepline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks and compiles an ASL definition. Every problem is collected, each as {@code <JSON pointer>:
 * <rule broken> (found <value>); <what to do>}, and reported together.
 *
 * <p>The parser also records the features a definition uses ({@code Task.Retry}, {@code
 * Choice.StringMatches}, {@code States.Format}, ...) so tests can check that a suite exercises
 * every supported feature.
 */
final class DefinitionParser {
  private static final Set<String> STATE_TYPES = AslFields.STATE.keySet();

  private final String arn;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> features = new LinkedHashSet<>();

  private DefinitionParser(String arn) {
    this.arn = arn;
  }

  /** The result of a parse: the machine and the features it uses. */
  record Parsed(StateMachine machine, Set<String> features) {}

  /**
   * Substitutes {@code ${Name}} placeholders, then parses and checks the definition.
   *
   * @throws InvalidDefinitionException listing every problem found
   */
  static Parsed parse(String arn, String definitionJson, Map<String, String> substitutions) {
    DefinitionParser parser = new DefinitionParser(arn);
    String text = parser.substitute(definitionJson, substitutions);
    JsonNode root = null;
    if (text != null) {
      try {
        root = Json.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        parser.problems.add(
            "the definition is not valid JSON: "
                + e.getOriginalMessage()
                + " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr());
      }
    }
    StateMachine machine = null;
    if (root != null) {
      machine = parser.machine(root, "", true);
    }
    if (!parser.problems.isEmpty()) {
      throw new InvalidDefinitionException(arn, parser.problems);
    }
    return new Parsed(machine, Set.copyOf(parser.features));
  }

  private String substitute(String text, Map<String, String> substitutions) {
    if (text == null) {
      problems.add("the definition is missing; pass the JSON text of the state machine");
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        out.append(text, i, text.length());
        break;
      }
      int end = text.indexOf('}', start);
      if (end < 0) {
        out.append(text, i, text.length());
        break;
      }
      String name = text.substring(start + 2, end);
      String value = substitutions == null ? null : substitutions.get(name);
      out.append(text, i, start);
      if (value == null) {
        problems.add(
            "definition substitution ${" + name + "} has no value; pass it in the substitutions");
        out.append(text, start, end + 1);
      } else {
        out.append(value.replace("\\", "\\\\").replace("\"", "\\\""));
      }
      i = end + 1;
    }
    return out.toString();
  }

  private StateMachine machine(JsonNode node, String where, boolean topLevel) {
    if (!node.isObject()) {
      problems.add(pointer(where) + ": a state machine must be a JSON object (found " + node + ")");
      return null;
    }
    Set<String> allowed = topLevel ? AslFields.MACHINE : AslFields.SUB_MACHINE;
    checkFields(node, where, allowed, topLevel ? "a state machine" : "a branch or item processor");
    Integer timeout = null;
    if (topLevel) {
      timeout = positiveInteger(node, "TimeoutSeconds", where);
      if (node.has("TimeoutSeconds")) {
        features.add("Machine.TimeoutSeconds");
      }
      JsonNode language = node.get("QueryLanguage");
      if (language != null && !language.asText().equals("JSONPath")) {
        problems.add(
            pointer(where + "/QueryLanguage")
                + ": only JSONPath is supported (found "
                + language
                + "); remove QueryLanguage or set it to JSONPath");
      }
    } else {
      checkProcessorConfig(node, where);
    }
    JsonNode states = node.get("States");
    String startAt = node.path("StartAt").asText(null);
    if (states == null || !states.isObject() || states.isEmpty()) {
      problems.add(pointer(where + "/States") + ": States must be a non-empty object");
      return null;
    }
    Map<String, State> compiled = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      State state = state(entry.getKey(), entry.getValue(), where + "/States/" + entry.getKey());
      if (state != null) {
        compiled.put(entry.getKey(), state);
      }
    }
    if (startAt == null) {
      problems.add(pointer(where + "/StartAt") + ": StartAt is missing; name the first state");
    } else if (!states.has(startAt)) {
      problems.add(
          pointer(where + "/StartAt")
              + ": StartAt names no state (found \""
              + startAt
              + "\"); use one of "
              + names(states));
    }
    checkTargets(compiled, states, where);
    if (startAt != null && states.has(startAt)) {
      checkReachable(startAt, compiled, where);
    }
    return new StateMachine(arn, startAt, compiled, timeout);
  }

  private void checkProcessorConfig(JsonNode node, String where) {
    JsonNode config = node.get("ProcessorConfig");
    if (config == null) {
      return;
    }
    features.add("Map.ProcessorConfig");
    String mode = config.path("Mode").asText("INLINE");
    if (!mode.equals("INLINE")) {
      problems.add(
          pointer(where + "/ProcessorConfig/Mode")
              + ": only INLINE Map states are supported (found \""
              + mode
              + "\"); use Mode INLINE");
    }
  }

  private State state(String name, JsonNode node, String where) {
    if (!node.isObject()) {
      problems.add(pointer(where) + ": a state must be a JSON object (found " + node + ")");
      return null;
    }
    String type = node.path("Type").asText(null);
    if (type == null || !STATE_TYPES.contains(type)) {
      problems.add(
          pointer(where + "/Type")
              + ": unknown state type (found "
              + node.get("Type")
              + "); use one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map");
      return null;
    }
    features.add(type);
    State state = new State(name, type);
    checkStateFields(node, type, where);
    continuation(state, node, where);
    commonPaths(state, node, where);
    switch (type) {
      case "Pass" -> state.result = node.get("Result");
      case "Task" -> task(state, node, where);
      case "Choice" -> choice(state, node, where);
      case "Wait" -> waitFields(state, node, where);
      case "Fail" -> fail(state, node, where);
      case "Parallel" -> parallel(state, node, where);
      case "Map" -> map(state, node, where);
      default -> {}
    }
    if (node.has("Retry")) {
      state.retriers = retriers(node.get("Retry"), where + "/Retry");
    }
    if (node.has("Catch")) {
      state.catchers = catchers(node.get("Catch"), where + "/Catch");
    }
    return state;
  }

  private void checkStateFields(JsonNode node, String type, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (AslFields.allowed(type, field)) {
        if (!field.equals("Type") && !field.equals("Comment")) {
          features.add(type + "." + field);
        }
      } else if (AslFields.UNSUPPORTED.containsKey(field)) {
        problems.add(
            pointer(where + "/" + field)
                + ": "
                + field
                + " is not supported by the embedded engine; "
                + AslFields.UNSUPPORTED.get(field));
      } else {
        problems.add(
            pointer(where + "/" + field)
                + ": unknown field for a "
                + type
                + " state (found \""
                + field
                + "\"); remove it or check its spelling");
      }
    }
  }

  private void checkFields(JsonNode node, String where, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        problems.add(
            pointer(where + "/" + field)
                + ": unknown field for "
                + what
                + " (found \""
                + field
                + "\"); use "
                + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private void continuation(State state, JsonNode node, String where) {
    JsonNode next = node.get("Next");
    JsonNode end = node.get("End");
    if (Transitions.continues(state.type)) {
      boolean isEnd = end != null && end.asBoolean(false);
      if (next == null && !isEnd) {
        problems.add(
            pointer(where)
                + ": a "
                + state.type
                + " state needs Next or \"End\": true (found neither); add one");
      } else if (next != null && isEnd) {
        problems.add(
            pointer(where) + ": Next and \"End\": true exclude each other; keep one of them");
      }
      if (end != null && !end.isBoolean()) {
        problems.add(pointer(where + "/End") + ": End must be true or false (found " + end + ")");
      }
      state.next = next == null ? null : next.asText();
      state.end = isEnd;
    }
  }

  private void commonPaths(State state, JsonNode node, String where) {
    state.inputPath = pathField(node, "InputPath", where, false);
    state.outputPath = pathField(node, "OutputPath", where, false);
    state.resultPath = pathField(node, "ResultPath", where, true);
    if (node.has("Parameters")) {
      state.parameters = template(node.get("Parameters"), where + "/Parameters");
    }
    if (node.has("ResultSelector")) {
      state.resultSelector = template(node.get("ResultSelector"), where + "/ResultSelector");
    }
  }

  private PayloadTemplate template(JsonNode template, String where) {
    Set<String> intrinsics = new HashSet<>();
    List<String> found = new ArrayList<>();
    PayloadTemplate compiled = PayloadTemplate.compile(template, where, found, intrinsics);
    found.forEach(problem -> problems.add(pointer(problem)));
    features.addAll(intrinsics);
    return compiled;
  }

  private State.PathField pathField(JsonNode node, String field, String where, boolean reference) {
    if (!node.has(field)) {
      return State.PathField.DEFAULT;
    }
    JsonNode value = node.get(field);
    if (value.isNull()) {
      features.add(field + ".null");
      return new State.PathField(null, true);
    }
    JsonPath path = path(value, where + "/" + field);
    if (path != null && reference) {
      try {
        path.requireReference();
      } catch (IllegalArgumentException e) {
        problems.add(pointer(where + "/" + field) + ": " + e.getMessage());
      }
    }
    return new State.PathField(path, false);
  }

  private JsonPath path(JsonNode value, String where) {
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(pointer(where) + ": must be a path string (found " + value + ")");
      return null;
    }
    try {
      JsonPath path = JsonPath.parse(value.asText());
      if (path.isContext()) {
        features.add(path.contextFeature());
      }
      return path;
    } catch (IllegalArgumentException e) {
      problems.add(pointer(where) + ": " + e.getMessage());
      return null;
    }
  }

  private void task(State state, JsonNode node, String where) {
    JsonNode resource = node.get("Resource");
    if (resource == null || !resource.isTextual() || resource.asText().isEmpty()) {
      problems.add(pointer(where + "/Resource") + ": a Task state needs a Resource ARN");
    } else {
      state.resource = resource.asText();
      features.add(TaskResources.feature(state.resource));
    }
    state.timeoutSeconds = positiveInteger(node, "TimeoutSeconds", where);
    state.timeoutSecondsPath = path(node.get("TimeoutSecondsPath"), where + "/TimeoutSecondsPath");
    state.heartbeatSeconds = positiveInteger(node, "HeartbeatSeconds", where);
    state.heartbeatSecondsPath =
        path(node.get("HeartbeatSecondsPath"), where + "/HeartbeatSecondsPath");
    if (node.has("TimeoutSeconds") && node.has("TimeoutSecondsPath")) {
      problems.add(pointer(where) + ": use TimeoutSeconds or TimeoutSecondsPath, not both");
    }
    if (state.timeoutSeconds != null
        && state.heartbeatSeconds != null
        && state.heartbeatSeconds >= state.timeoutSeconds) {
      problems.add(
          pointer(where + "/HeartbeatSeconds")
              + ": HeartbeatSeconds must be less than TimeoutSeconds (found "
              + state.heartbeatSeconds
              + " >= "
              + state.timeoutSeconds
              + ")");
    }
  }

  private void choice(State state, JsonNode node, String where) {
    JsonNode choices = node.get("Choices");
    state.defaultNext = node.path("Default").asText(null);
    state.choices = new ArrayList<>();
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      problems.add(
          pointer(where + "/Choices") + ": a Choice state needs a non-empty Choices array");
      return;
    }
    for (int i = 0; i < choices.size(); i++) {
      JsonNode rule = choices.get(i);
      String ruleWhere = where + "/Choices/" + i;
      List<String> found = new ArrayList<>();
      ChoiceRule compiled = ChoiceRule.compile(rule, ruleWhere, found, features);
      found.forEach(problem -> problems.add(pointer(problem)));
      String next = rule.path("Next").asText(null);
      if (next == null) {
        problems.add(pointer(ruleWhere) + ": a top-level choice rule needs Next");
      }
      state.choices.add(new State.Choice(compiled, next));
    }
  }

  private void waitFields(State state, JsonNode node, String where) {
    List<String> given = new ArrayList<>();
    for (String field : List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath")) {
      if (node.has(field)) {
        given.add(field);
      }
    }
    if (given.size() != 1) {
      problems.add(
          pointer(where)
              + ": a Wait state needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath"
              + " (found "
              + given
              + ")");
    }
    JsonNode seconds = node.get("Seconds");
    if (seconds != null) {
      if (!seconds.isNumber() || seconds.asDouble() < 0) {
        problems.add(
            pointer(where + "/Seconds") + ": must be a number >= 0 (found " + seconds + ")");
      }
      state.seconds = seconds.asDouble();
    }
    JsonNode timestamp = node.get("Timestamp");
    if (timestamp != null) {
      if (!timestamp.isTextual() || ChoiceRule.parseTimestamp(timestamp.asText()) == null) {
        problems.add(
            pointer(where + "/Timestamp")
                + ": must be an RFC 3339 timestamp such as 2026-01-01T00:00:00Z (found "
                + timestamp
                + ")");
      }
      state.timestamp = timestamp.asText();
    }
    state.secondsPath = path(node.get("SecondsPath"), where + "/SecondsPath");
    state.timestampPath = path(node.get("TimestampPath"), where + "/TimestampPath");
  }

  private void fail(State state, JsonNode node, String where) {
    state.error = node.path("Error").asText(null);
    state.cause = node.path("Cause").asText(null);
    state.errorPath = computed(node.get("ErrorPath"), where + "/ErrorPath");
    state.causePath = computed(node.get("CausePath"), where + "/CausePath");
    if (node.has("Error") && node.has("ErrorPath")) {
      problems.add(pointer(where) + ": use Error or ErrorPath, not both");
    }
    if (node.has("Cause") && node.has("CausePath")) {
      problems.add(pointer(where) + ": use Cause or CausePath, not both");
    }
  }

  private State.Computed computed(JsonNode value, String where) {
    if (value == null) {
      return null;
    }
    if (value.isTextual() && value.asText().startsWith("States.")) {
      try {
        Intrinsics.Call call = Intrinsics.parse(value.asText());
        Intrinsics.collectFeatures(call, features);
        return new State.Computed(null, call);
      } catch (IllegalArgumentException e) {
        problems.add(pointer(where) + ": " + e.getMessage());
        return null;
      }
    }
    JsonPath path = path(value, where);
    return path == null ? null : new State.Computed(path, null);
  }

  private void parallel(State state, JsonNode node, String where) {
    JsonNode branches = node.get("Branches");
    state.branches = new ArrayList<>();
    if (branches == null || !branches.isArray() || branches.isEmpty()) {
      problems.add(
          pointer(where + "/Branches") + ": a Parallel state needs a non-empty Branches array");
      return;
    }
    for (int i = 0; i < branches.size(); i++) {
      state.branches.add(machine(branches.get(i), where + "/Branches/" + i, false));
    }
  }

  private void map(State state, JsonNode node, String where) {
    state.itemsPath = path(node.get("ItemsPath"), where + "/ItemsPath");
    if (node.has("ItemSelector") && node.has("Parameters")) {
      problems.add(pointer(where) + ": use ItemSelector or Parameters, not both");
    }
    if (node.has("ItemSelector")) {
      state.itemSelector = template(node.get("ItemSelector"), where + "/ItemSelector");
    } else if (state.parameters != null) {
      state.itemSelector = state.parameters;
      state.parameters = null;
    }
    String processorField = node.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    if (node.has("ItemProcessor") && node.has("Iterator")) {
      problems.add(pointer(where) + ": use ItemProcessor or Iterator, not both");
    }
    if (!node.has(processorField)) {
      problems.add(pointer(where) + ": a Map state needs an ItemProcessor");
    } else {
      state.itemProcessor = machine(node.get(processorField), where + "/" + processorField, false);
    }
    JsonNode maxConcurrency = node.get("MaxConcurrency");
    if (maxConcurrency != null
        && (!maxConcurrency.canConvertToInt() || maxConcurrency.asInt() < 0)) {
      problems.add(
          pointer(where + "/MaxConcurrency")
              + ": must be an integer >= 0 (found "
              + maxConcurrency
              + ")");
    }
    state.maxConcurrency = maxConcurrency == null ? 0 : maxConcurrency.asInt();
    state.maxConcurrencyPath = path(node.get("MaxConcurrencyPath"), where + "/MaxConcurrencyPath");
  }

  private List<Retrier> retriers(JsonNode node, String where) {
    List<Retrier> retriers = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(pointer(where) + ": Retry must be an array of retriers");
      return retriers;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode retrier = node.get(i);
      String at = where + "/" + i;
      checkFields(retrier, at, AslFields.RETRIER, "a retrier");
      retrier.fieldNames().forEachRemaining(field -> features.add("Retry." + field));
      List<String> errors = errorEquals(retrier, at, i == node.size() - 1);
      String jitter = retrier.path("JitterStrategy").asText("NONE");
      if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
        problems.add(
            pointer(at + "/JitterStrategy") + ": must be NONE or FULL (found " + jitter + ")");
      }
      double backoff = retrier.path("BackoffRate").asDouble(Retrier.DEFAULT_BACKOFF_RATE);
      if (backoff < 1) {
        problems.add(pointer(at + "/BackoffRate") + ": must be >= 1.0 (found " + backoff + ")");
      }
      retriers.add(
          new Retrier(
              errors,
              retrier.path("IntervalSeconds").asDouble(Retrier.DEFAULT_INTERVAL_SECONDS),
              retrier.path("MaxAttempts").asInt(Retrier.DEFAULT_MAX_ATTEMPTS),
              backoff,
              retrier.has("MaxDelaySeconds") ? retrier.get("MaxDelaySeconds").asDouble() : null,
              jitter.equals("FULL")));
    }
    return retriers;
  }

  private List<Catcher> catchers(JsonNode node, String where) {
    List<Catcher> catchers = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(pointer(where) + ": Catch must be an array of catchers");
      return catchers;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode catcher = node.get(i);
      String at = where + "/" + i;
      checkFields(catcher, at, AslFields.CATCHER, "a catcher");
      catcher.fieldNames().forEachRemaining(field -> features.add("Catch." + field));
      List<String> errors = errorEquals(catcher, at, i == node.size() - 1);
      String next = catcher.path("Next").asText(null);
      if (next == null) {
        problems.add(pointer(at) + ": a catcher needs Next");
      }
      JsonNode resultPath = catcher.get("ResultPath");
      JsonPath path = null;
      if (resultPath != null && !resultPath.isNull()) {
        path = path(resultPath, at + "/ResultPath");
      }
      catchers.add(new Catcher(errors, next, path, resultPath != null && resultPath.isNull()));
    }
    return catchers;
  }

  private List<String> errorEquals(JsonNode rule, String where, boolean last) {
    JsonNode errors = rule.get("ErrorEquals");
    List<String> names = new ArrayList<>();
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      problems.add(pointer(where + "/ErrorEquals") + ": must be a non-empty array of error names");
      return names;
    }
    errors.forEach(error -> names.add(error.asText()));
    names.forEach(name -> features.add("Error." + name));
    if (names.contains(ErrorMatcher.ALL) && (names.size() > 1 || !last)) {
      problems.add(
          pointer(where + "/ErrorEquals")
              + ": States.ALL must be alone in its ErrorEquals and in the last rule (found "
              + names
              + ")");
    }
    return names;
  }

  private void checkTargets(Map<String, State> states, JsonNode definitions, String where) {
    for (State state : states.values()) {
      String at = where + "/States/" + state.name;
      checkTarget(state.next, definitions, at + "/Next");
      checkTarget(state.defaultNext, definitions, at + "/Default");
      if (state.choices != null) {
        for (int i = 0; i < state.choices.size(); i++) {
          checkTarget(state.choices.get(i).next(), definitions, at + "/Choices/" + i + "/Next");
        }
      }
      for (int i = 0; i < state.catchers.size(); i++) {
        checkTarget(state.catchers.get(i).next(), definitions, at + "/Catch/" + i + "/Next");
      }
    }
  }

  private void checkTarget(String target, JsonNode definitions, String where) {
    if (target != null && !definitions.has(target)) {
      problems.add(
          pointer(where)
              + ": names no state (found \""
              + target
              + "\"); use one of "
              + names(definitions));
    }
  }

  private void checkReachable(String startAt, Map<String, State> states, String where) {
    Set<String> reached = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(startAt));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      State state = states.get(name);
      if (!reached.add(name) || state == null) {
        continue;
      }
      addTarget(pending, state.next);
      addTarget(pending, state.defaultNext);
      if (state.choices != null) {
        state.choices.forEach(choice -> addTarget(pending, choice.next()));
      }
      state.catchers.forEach(catcher -> addTarget(pending, catcher.next()));
    }
    for (String name : states.keySet()) {
      if (!reached.contains(name)) {
        problems.add(
            pointer(where + "/States/" + name)
                + ": state is unreachable from StartAt; remove it or add a transition to it");
      }
    }
  }

  private static void addTarget(Deque<String> pending, String target) {
    if (target != null) {
      pending.push(target);
    }
  }

  private Integer positiveInteger(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      problems.add(
          pointer(where + "/" + field) + ": must be a positive integer (found " + value + ")");
      return null;
    }
    return value.asInt();
  }

  private static String names(JsonNode states) {
    List<String> names = new ArrayList<>();
    states.fieldNames().forEachRemaining(name -> names.add("\"" + name + "\""));
    return String.join(", ", names);
  }

  private static String pointer(String where) {
    return where.isEmpty() ? "/" : where;
  }
}
