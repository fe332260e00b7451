package dev.stepline.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.runtime.StepFailedException;
import dev.stepline.runtime.StepRequest;
import dev.stepline.runtime.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;
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
 *
 * <p>A handler that registers a {@link Priming} runs it in SnapStart's {@code beforeCheckpoint}
 * hook (an org.crac {@link Resource}), through the same request path with a runner on in-memory
 * stores, so that a restored snapshot starts with that path's classes loaded.
 */
public abstract class StepHandler implements RequestStreamHandler, Resource {
  private static final Logger LOG = LoggerFactory.getLogger(StepHandler.class);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private final Set<String> actions;
  private final Function<StepRequest, StepResult> runner;
  private Priming priming;

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
    handle(input, output, context, runner);
  }

  /**
   * Registers a SnapStart hook that runs {@code priming} before the snapshot is taken, so that a
   * restored container has the classes of its first request loaded. The no-argument constructors
   * call it; without SnapStart the hook never runs.
   */
  protected final void primeBeforeSnapshot(Priming priming) {
    this.priming = priming;
    Core.getGlobalContext().register(this);
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    if (priming != null) {
      priming.run(this::handle);
    }
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the SDK clients open their connections on the first request.
  }

  /** Runs one event through {@code runner}: the request path of invocations and of priming. */
  final void handle(
      InputStream input,
      OutputStream output,
      Context context,
      Function<StepRequest, StepResult> runner)
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
      write(result, output);
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
    return new StepRequest(
        text(event, "action"),
        text(event, "execution"),
        text(event, "workflow"),
        text(event, "path"),
        text(event, "scope"),
        text(event, "token"),
        error(event));
  }

  // The request and result are read and written field by field: Jackson's record binding would load
  // some hundreds of classes on a container's first request (see docs/benchmarks.md).

  private static String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw invalidField(field, value, "a string");
    }
    return value.asText();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(JsonNode event) {
    JsonNode value = event.get("error");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw invalidField("error", value, "an object");
    }
    return JSON.convertValue(value, Map.class);
  }

  private static IllegalArgumentException invalidField(String field, JsonNode value, String kind) {
    return new IllegalArgumentException(
        "invalid step request: "
            + field
            + " must be "
            + kind
            + " (found "
            + value.getNodeType().name().toLowerCase()
            + "); see docs/architecture.md");
  }

  private static void write(StepResult result, OutputStream output) throws IOException {
    try (JsonGenerator json = JSON.getFactory().createGenerator(output)) {
      json.writeStartObject();
      if (result.branch() != null) {
        json.writeNumberField("branch", result.branch());
      }
      if (result.items() != null) {
        json.writeArrayFieldStart("items");
        for (Integer item : result.items()) {
          json.writeNumber(item);
        }
        json.writeEndArray();
      }
      if (result.scope() != null) {
        json.writeStringField("scope", result.scope());
      }
      json.writeEndObject();
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
