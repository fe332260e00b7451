package dev.stepline.aws;

import dev.stepline.runtime.spi.ModelClient;
import dev.stepline.runtime.spi.ToolException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Calls a model through Amazon Bedrock's Converse API and returns the result in the Chat
 * Completions shape, so prompt steps read {@code choices[0].message.content} whatever the provider.
 * System messages become Converse's {@code system} blocks; {@code temperature}, {@code max_tokens},
 * {@code top_p} and {@code stop} map to {@code inferenceConfig}; any other setting goes to the
 * model as {@code additionalModelRequestFields}.
 *
 * <p>Bedrock authenticates with the Lambda function's IAM role, so {@link PromptRequest#apiKey()}
 * is not used. Converse has no {@code response_format}, so that setting fails with a {@code
 * ValueError} instead of being dropped.
 */
public final class BedrockModelClient implements ModelClient {
  private static final Set<String> INFERENCE_SETTINGS =
      Set.of("temperature", "max_tokens", "top_p", "stop");

  private final BedrockRuntimeClient client;

  public BedrockModelClient() {
    this(BedrockRuntimeClient.create());
  }

  public BedrockModelClient(BedrockRuntimeClient client) {
    this.client = client;
  }

  @Override
  public Map<String, Object> complete(PromptRequest request) {
    ConverseRequest converse = toConverse(request);
    ConverseResponse response;
    try {
      response = client.converse(converse);
    } catch (AwsServiceException e) {
      throw serviceFailure(request, e);
    } catch (ApiCallTimeoutException e) {
      throw new ToolException("TimeoutError", prefix(request) + "the Bedrock call timed out", e);
    } catch (SdkClientException e) {
      throw new ToolException(
          "ConnectionError", prefix(request) + "failed to reach Bedrock: " + e.getMessage(), e);
    }
    return toCompletion(request, response);
  }

  private static ConverseRequest toConverse(PromptRequest request) {
    List<SystemContentBlock> system = new ArrayList<>();
    List<Message> messages = new ArrayList<>();
    for (Map<String, Object> message : request.messages()) {
      String role = String.valueOf(message.get("role"));
      List<String> texts = texts(request, message.get("content"));
      if (role.equals("system")) {
        texts.forEach(text -> system.add(SystemContentBlock.fromText(text)));
      } else if (role.equals("user") || role.equals("assistant")) {
        List<ContentBlock> content = texts.stream().map(ContentBlock::fromText).toList();
        messages.add(
            Message.builder()
                .role(role.equals("user") ? ConversationRole.USER : ConversationRole.ASSISTANT)
                .content(content)
                .build());
      } else {
        throw invalid(
            request,
            "Bedrock takes system, user and assistant messages (found role '" + role + "')");
      }
    }
    Map<String, Object> settings = request.settings() == null ? Map.of() : request.settings();
    if (settings.get("response_format") != null) {
      throw invalid(
          request,
          "Bedrock's Converse API has no response_format; describe the JSON you expect in the"
              + " prompt instead");
    }
    ConverseRequest.Builder builder =
        ConverseRequest.builder()
            .modelId(request.model())
            .messages(messages)
            .inferenceConfig(inferenceConfig(request, settings));
    if (!system.isEmpty()) {
      builder.system(system);
    }
    Map<String, Document> additional = new LinkedHashMap<>();
    settings.forEach(
        (name, value) -> {
          if (value != null && !INFERENCE_SETTINGS.contains(name)) {
            additional.put(name, document(value));
          }
        });
    if (!additional.isEmpty()) {
      builder.additionalModelRequestFields(Document.fromMap(additional));
    }
    return builder.build();
  }

  private static InferenceConfiguration inferenceConfig(
      PromptRequest request, Map<String, Object> settings) {
    InferenceConfiguration.Builder config = InferenceConfiguration.builder();
    if (settings.get("temperature") instanceof Number temperature) {
      config.temperature(temperature.floatValue());
    }
    if (settings.get("top_p") instanceof Number topP) {
      config.topP(topP.floatValue());
    }
    if (settings.get("max_tokens") instanceof Number maxTokens) {
      config.maxTokens(maxTokens.intValue());
    }
    Object stop = settings.get("stop");
    if (stop instanceof String text) {
      config.stopSequences(text);
    } else if (stop instanceof List<?> list) {
      config.stopSequences(list.stream().map(String::valueOf).toList());
    }
    return config.build();
  }

  /** Reads message content: a string, or a list of {@code {type: text, text}} parts. */
  private static List<String> texts(PromptRequest request, Object content) {
    if (content instanceof String text) {
      return List.of(text);
    }
    List<String> texts = new ArrayList<>();
    if (content instanceof List<?> parts) {
      for (Object part : parts) {
        if (part instanceof Map<?, ?> map && "text".equals(map.get("type"))) {
          texts.add(String.valueOf(map.get("text")));
        } else {
          throw invalid(request, "Bedrock messages here take text parts only");
        }
      }
      return texts;
    }
    throw invalid(request, "message content must be a string or a list of text parts");
  }

  private static Document document(Object value) {
    if (value == null) {
      return Document.fromNull();
    } else if (value instanceof String text) {
      return Document.fromString(text);
    } else if (value instanceof Boolean flag) {
      return Document.fromBoolean(flag);
    } else if (value instanceof Number number) {
      return Document.fromNumber(SdkNumber.fromBigDecimal(new BigDecimal(number.toString())));
    } else if (value instanceof List<?> list) {
      return Document.fromList(list.stream().map(BedrockModelClient::document).toList());
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Document> fields = new LinkedHashMap<>();
      map.forEach((key, item) -> fields.put(String.valueOf(key), document(item)));
      return Document.fromMap(fields);
    }
    return Document.fromString(String.valueOf(value));
  }

  private static Map<String, Object> toCompletion(
      PromptRequest request, ConverseResponse response) {
    StringBuilder text = new StringBuilder();
    if (response.output() != null && response.output().message() != null) {
      for (ContentBlock block : response.output().message().content()) {
        if (block.text() != null) {
          text.append(block.text());
        }
      }
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", text.toString());
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0L);
    choice.put("message", message);
    choice.put("finish_reason", finishReason(response.stopReasonAsString()));

    Map<String, Object> completion = new LinkedHashMap<>();
    completion.put("id", "bedrock-" + response.responseMetadata().requestId());
    completion.put("object", "chat.completion");
    completion.put("model", request.model());
    completion.put("choices", List.of(choice));
    completion.put("usage", usage(response.usage()));
    return completion;
  }

  private static Map<String, Object> usage(TokenUsage usage) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (usage != null) {
      result.put("prompt_tokens", (long) usage.inputTokens());
      result.put("completion_tokens", (long) usage.outputTokens());
      result.put("total_tokens", (long) usage.totalTokens());
    }
    return result;
  }

  /** Maps Converse stop reasons to the Chat Completions {@code finish_reason} values. */
  private static String finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    switch (stopReason) {
      case "end_turn":
      case "stop_sequence":
        return "stop";
      case "max_tokens":
        return "length";
      case "tool_use":
        return "tool_calls";
      case "guardrail_intervened":
      case "content_filtered":
        return "content_filter";
      default:
        return stopReason;
    }
  }

  private static ToolException serviceFailure(PromptRequest request, AwsServiceException e) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String detail =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    String message =
        prefix(request)
            + "Bedrock returned "
            + status
            + (code == null ? "" : " " + code)
            + ": "
            + detail;
    String type;
    if (status == 401 || status == 403) {
      type = "AuthenticationError";
    } else if (status == 429 || "ThrottlingException".equals(code)) {
      type = "RateLimitError";
    } else if ("ModelTimeoutException".equals(code) || status == 408) {
      type = "TimeoutError";
    } else if ("ValidationException".equals(code)) {
      type = "ValueError";
    } else {
      type = "HttpError";
    }
    return new ToolException(type, message, status, e);
  }

  private static ToolException invalid(PromptRequest request, String message) {
    return new ToolException("ValueError", prefix(request) + message);
  }

  private static String prefix(PromptRequest request) {
    return "model '" + request.model() + "': ";
  }
}
