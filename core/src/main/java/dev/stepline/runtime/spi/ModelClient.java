package dev.stepline.runtime.spi;

import java.util.List;
import java.util.Map;

/** Sends one chat completion request to a language model provider. */
public interface ModelClient {

  /**
   * Sends the request and returns the chat completion object in the OpenAI Chat Completions shape
   * ({@code id}, {@code model}, {@code choices[].message.content}, {@code usage}) as JSON-like
   * values, whatever the provider.
   *
   * @throws ToolException when the call fails, typed as for tools
   */
  Map<String, Object> complete(PromptRequest request);

  /**
   * One evaluated prompt.
   *
   * @param model the model name, such as {@code gpt-4o-mini} or a Bedrock model id
   * @param messages the messages, each with {@code role} and {@code content}
   * @param settings {@code temperature}, {@code max_tokens}, {@code response_format} and the other
   *     settings of the step, evaluated
   * @param apiKey the provider key read from the secrets, or {@code null} when the provider needs
   *     none
   */
  record PromptRequest(
      String model,
      List<Map<String, Object>> messages,
      Map<String, Object> settings,
      String apiKey) {}
}
