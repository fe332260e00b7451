package dev.stepline.runtime;

import dev.stepline.expr.Py;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.task.Step;
import dev.stepline.task.ToolDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code step} action of each action step kind. */
final class StepKinds {
  /**
   * The Python-style type of the failure an {@code error} step raises, as the compiler writes it.
   */
  static final String ERROR_STEP_TYPE = "StepError";

  /** The tool error type after which a step reads its secrets again and retries once. */
  static final String AUTHENTICATION_ERROR = "AuthenticationError";

  private StepKinds() {}

  /** Runs an action step and returns its output. */
  static Object run(Step step, Map<String, Object> names, ScopedStep scoped) {
    if (step instanceof Step.Evaluate evaluate) {
      return ValueEvaluator.evaluate(evaluate.value(), names);
    } else if (step instanceof Step.Return returned) {
      return ValueEvaluator.evaluate(returned.value(), names);
    } else if (step instanceof Step.Log log) {
      return Py.str(ValueEvaluator.evaluate(log.message(), names));
    } else if (step instanceof Step.Get get) {
      return get(get, names);
    } else if (step instanceof Step.Set set) {
      return set(set, names, scoped);
    } else if (step instanceof Step.Error error) {
      throw new StepError(ERROR_STEP_TYPE, Py.str(ValueEvaluator.evaluate(error.message(), names)));
    } else if (step instanceof Step.Sleep) {
      return names.get("_");
    } else if (step instanceof Step.ToolCall call) {
      return callTool(call, names, scoped);
    } else if (step instanceof Step.Prompt prompt) {
      return scoped.promptCalls().call(prompt, names, scoped.agent(), scoped.secrets());
    }
    throw new IllegalArgumentException(
        "the step action does not apply to "
            + step.kindName()
            + " steps (at "
            + step.info().path()
            + "); the compiler sends condition, items, call or close for them");
  }

  /**
   * Returns what a waiting step shows to whoever answers: the evaluated {@code info} of {@code
   * wait_for_input}, or the tool name and arguments of a {@code function} tool call.
   */
  static Object waitInfo(Step step, Map<String, Object> names, ScopedStep scoped) {
    if (step instanceof Step.WaitForInput wait) {
      return ValueEvaluator.evaluate(wait.prompt(), names);
    }
    Step.ToolCall call = (Step.ToolCall) step;
    Map<Object, Object> info = new LinkedHashMap<>();
    info.put("tool", call.tool());
    info.put("arguments", ValueEvaluator.evaluate(call.arguments(), names));
    return info;
  }

  /** {@code get: key} reads {@code state[key]}. */
  private static Object get(Step.Get get, Map<String, Object> names) {
    Map<?, ?> state = (Map<?, ?>) names.get("state");
    if (!state.containsKey(get.key())) {
      throw new StepError(
          "KeyError",
          Py.repr(get.key()) + " is not in state; a set step must store it before this get");
    }
    return state.get(get.key());
  }

  /** {@code set} merges a mapping into {@code state} and outputs the mapping it stored. */
  private static Object set(Step.Set set, Map<String, Object> names, ScopedStep scoped) {
    Object values = ValueEvaluator.evaluate(set.values(), names);
    if (!Py.isMapping(values)) {
      throw new StepError(
          "TypeError",
          "set needs a mapping of state keys to values (found " + Py.typeName(values) + ")");
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> entry : Py.asMap(values).entrySet()) {
      entries.put(Py.str(entry.getKey()), JsonValues.toJson(entry.getValue()));
    }
    scoped.store().putState(scoped.execution().id(), entries);
    return values;
  }

  private static Object callTool(Step.ToolCall call, Map<String, Object> names, ScopedStep scoped) {
    ToolDefinition tool = scoped.toolCalls().definition(scoped.task(), call);
    try {
      return callToolOnce(tool, call, names, scoped);
    } catch (ToolException e) {
      // A secret rotated after it was cached: read the secrets again and retry once with them.
      if (!AUTHENTICATION_ERROR.equals(e.type()) || !scoped.secrets().refreshRead()) {
        throw e;
      }
      return callToolOnce(tool, call, names, scoped);
    }
  }

  private static Object callToolOnce(
      ToolDefinition tool, Step.ToolCall call, Map<String, Object> names, ScopedStep scoped) {
    Map<String, Object> arguments =
        JsonLike.mapping(ValueEvaluator.evaluate(call.arguments(), names), "tool arguments");
    return scoped.toolCalls().call(scoped.task(), tool, call, arguments, names, scoped.secrets());
  }
}
