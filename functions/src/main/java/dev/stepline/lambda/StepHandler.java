package dev.stepline.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Lambda entry point shared by every step handler: reads the {@link StepRequest} a Task state
 * sends, runs it, and writes the {@link StepResult} as the function's response. A stream handler
 * with one Jackson mapper avoids the runtime's reflective serializer and its start-up cost.
 *
 * <p>Each invocation logs one line when it ends, with the execution id, step path, scope, action,
 * attempt and Lambda request id, and never the step's input, output or a secret. An exception
 * propagates to the Lambda runtime, which reports it to Step Functions as the state's error.
 */
public abstract class StepHandler implements RequestStreamHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StepHandler.class);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final Set<String> actions;
  private final Function<StepRequest, StepResult> runner;

  /**
   * @param actions the actions this handler accepts; the state machine protocol assigns each action
   *     to one handler
   * @param runner runs one request
   */
  protected StepHandler(Set<String> actions, Function<StepRequest, StepResult> runner) {
    this.actions = Set.copyOf(actions);
    this.runner = runner;
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonNode event = JSON.readTree(input);
    StepRequest request = parse(event);
    putLogContext(request, event, context);
    try {
      checkAction(request);
    } catch (IllegalArgumentException e) {
      LOG.error(e.getMessage());
      MDC.clear();
      throw e;
    }
    try {
      long started = System.nanoTime();
      StepResult result = runner.apply(request);
      LOG.info(
          "{} of {} finished in {} ms",
          request.action(),
          request.path(),
          (System.nanoTime() - started) / 1_000_000);
      JSON.writeValue(output, result);
    } catch (RuntimeException e) {
      logFailure(request, e);
      throw e;
    } finally {
      MDC.clear();
    }
  }

  private StepRequest parse(JsonNode event) {
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException(
          "invalid step request (found "
              + (event == null ? "an empty event" : event.getNodeType().name().toLowerCase())
              + "); send a JSON object with action, execution, workflow, path and scope");
    }
    try {
      return JSON.treeToValue(event, StepRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "invalid step request: " + e.getOriginalMessage() + "; see docs/architecture.md", e);
    }
  }

  private void checkAction(StepRequest request) {
    if (request.action() == null || !actions.contains(request.action())) {
      throw new IllegalArgumentException(
          getClass().getSimpleName()
              + " does not run action "
              + (request.action() == null ? "null" : "'" + request.action() + "'")
              + " (it runs "
              + String.join(", ", new TreeSet<>(actions))
              + "); check the function ARN the state machine's Task state calls");
    }
  }

  private static void putLogContext(StepRequest request, JsonNode event, Context context) {
    putIfPresent(LogFields.EXECUTION, request.execution());
    putIfPresent(LogFields.PATH, request.path());
    putIfPresent(LogFields.SCOPE, request.scope());
    putIfPresent(LogFields.ACTION, request.action());
    JsonNode attempt = event.get(LogFields.ATTEMPT);
    if (attempt != null && attempt.canConvertToInt()) {
      MDC.put(LogFields.ATTEMPT, Integer.toString(attempt.asInt()));
    }
    if (context != null) {
      putIfPresent(LogFields.REQUEST_ID, context.getAwsRequestId());
    }
  }

  private static void putIfPresent(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  private static void logFailure(StepRequest request, RuntimeException e) {
    if (isStepFailure(e)) {
      // A step failure is the task's outcome, not a fault of the handler, and its message is
      // already masked, so it is logged without a stack trace.
      LOG.info("{} of {} failed: {}", request.action(), request.path(), e.getMessage());
    } else {
      LOG.error("{} of {} failed", request.action(), request.path(), e);
    }
  }

  private static boolean isStepFailure(RuntimeException e) {
    return e instanceof StepFailedException;
  }
}
