package dev.stepline.runtime;

import dev.stepline.expr.Py;
import dev.stepline.runtime.secrets.SecretsMapping;
import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.task.Step;
import dev.stepline.task.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code prompt} steps through the {@link ModelClient}. */
final class PromptCalls {
  private final ModelClient models;

  PromptCalls(ModelClient models) {
    this.models = models;
  }

  /**
   * Evaluates the prompt, sends it and returns the chat completion, or only the message content
   * when the step sets {@code unwrap}.
   */
  Object call(
      Step.Prompt step,
      Map<String, Object> names,
      Map<String, Object> agent,
      SecretsMapping secrets) {
    if (models == null) {
      throw new ToolException(
          "UnsupportedToolError",
          "no model client is configured, so prompt steps cannot run; configure a model provider");
    }
    Map<String, Object> promptNames = withTemplateVariables(step, names);
    List<Map<String, Object>> messages = messages(step.prompt(), promptNames);
    Map<String, Object> settings = new LinkedHashMap<>();
    step.settings()
        .forEach(
            (key, value) ->
                settings.put(key, JsonLike.plain(ValueEvaluator.evaluate(value, names))));
    // The model may be the step's own field, a setting (as Julep writes it), or the agent's.
    Object model = settings.remove("model");
    if (step.model() != null) {
      model = ValueEvaluator.evaluate(step.model(), names);
    } else if (model == null) {
      model = agent.get("model");
    }
    String apiKey = step.secretName() == null ? null : Py.str(secrets.resolve(step.secretName()));

    Map<String, Object> completion =
        models.complete(
            new ModelClient.PromptRequest(
                model == null ? null : Py.str(model), messages, settings, apiKey));
    return step.unwrap() ? content(completion) : completion;
  }

  private static Map<String, Object> withTemplateVariables(
      Step.Prompt step, Map<String, Object> names) {
    if (step.templateVariables() == null || step.templateVariables().isEmpty()) {
      return names;
    }
    Map<String, Object> extended = new LinkedHashMap<>(names);
    step.templateVariables()
        .forEach((key, value) -> extended.put(key, ValueEvaluator.evaluate(value, names)));
    return extended;
  }

  /** Builds the messages: a string prompt is one user message, a list gives each message. */
  private static List<Map<String, Object>> messages(Value prompt, Map<String, Object> names) {
    Object evaluated = JsonLike.plain(ValueEvaluator.evaluate(prompt, names));
    List<Map<String, Object>> messages = new ArrayList<>();
    if (evaluated instanceof List<?> items) {
      for (Object item : items) {
        messages.add(JsonLike.mapping(item, "each prompt message"));
      }
    } else {
      Map<String, Object> message = new LinkedHashMap<>();
      message.put("role", "user");
      message.put("content", Py.str(evaluated));
      messages.add(message);
    }
    return messages;
  }

  private static Object content(Map<String, Object> completion) {
    if (completion.get("choices") instanceof List<?> choices
        && !choices.isEmpty()
        && choices.get(0) instanceof Map<?, ?> choice
        && choice.get("message") instanceof Map<?, ?> message) {
      return message.get("content");
    }
    throw new StepError(
        "ValueError", "the model response has no choices[0].message.content to unwrap");
  }
}
