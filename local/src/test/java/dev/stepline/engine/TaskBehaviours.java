package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A task handler that plays the fixed behaviours of a case's {@code tasks.json}: for each Task
 * state name a list of behaviours, the n-th call taking the n-th entry (the last one repeats).
 * States without an entry return their input. {@code run-cases.cjs} gives aws-local-stepfunctions
 * the same behaviours.
 *
 * <p>A behaviour is an object with one of: {@code "return": value}; {@code "echo": true}; {@code
 * "merge": object} (the input object with these fields set); {@code "fail": {"error", "cause"}}; or
 * {@code "failIfField": name} with {@code "fail"}, which fails when the input has {@code name:
 * true} and returns the input otherwise. {@code "sleepMs": n} waits first. For a {@code
 * .waitForTaskToken} state the behaviour answers the token instead (see {@link #answerLater}).
 */
final class TaskBehaviours implements TaskHandler {
  private final JsonNode table;
  private final Supplier<AslEngine> engine;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /**
   * Creates the handler; {@code engine} answers task tokens for the callback behaviours of {@code
   * .waitForTaskToken} states.
   */
  TaskBehaviours(JsonNode table, Supplier<AslEngine> engine) {
    this.table = table;
    this.engine = engine;
  }

  @Override
  public JsonNode invoke(String resource, JsonNode parameters, String taskToken, JsonNode context)
      throws TaskFailedException {
    String state = context.at("/State/Name").asText();
    JsonNode list = table.path(state);
    int count = calls.computeIfAbsent(state, k -> new AtomicInteger()).getAndIncrement();
    JsonNode behaviour =
        list.isArray() && !list.isEmpty()
            ? list.get(Math.min(count, list.size() - 1))
            : Json.MAPPER.createObjectNode().put("echo", true);
    if (taskToken != null) {
      answerLater(behaviour, taskToken);
      return null;
    }
    return apply(behaviour, parameters);
  }

  /**
   * Plays a callback behaviour on another thread: {@code "heartbeats": n} heartbeats {@code
   * "intervalMs"} apart, then {@code "sendSuccess": value} or {@code "sendFailure": {"error",
   * "cause"}}; with neither, the token is never answered.
   */
  private void answerLater(JsonNode behaviour, String token) {
    Thread answer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < behaviour.path("heartbeats").asInt(0); i++) {
                  Thread.sleep(behaviour.path("intervalMs").asLong(100));
                  engine.get().sendTaskHeartbeat(token);
                }
                Thread.sleep(20);
                if (behaviour.has("sendSuccess")) {
                  engine.get().sendTaskSuccess(token, behaviour.get("sendSuccess"));
                } else if (behaviour.has("sendFailure")) {
                  JsonNode failure = behaviour.get("sendFailure");
                  engine
                      .get()
                      .sendTaskFailure(
                          token, failure.path("error").asText(), failure.path("cause").asText());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    answer.setDaemon(true);
    answer.start();
  }

  private static JsonNode apply(JsonNode behaviour, JsonNode input) throws TaskFailedException {
    if (behaviour.has("sleepMs")) {
      try {
        Thread.sleep(behaviour.get("sleepMs").asLong());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TaskFailedException("Interrupted", "the task was interrupted");
      }
    }
    if (behaviour.has("failIfField")) {
      if (input.path(behaviour.get("failIfField").asText()).asBoolean(false)) {
        throw failure(behaviour.get("fail"));
      }
      return input;
    }
    if (behaviour.has("fail")) {
      throw failure(behaviour.get("fail"));
    }
    if (behaviour.has("merge")) {
      ObjectNode merged = Json.MAPPER.createObjectNode();
      merged.setAll((ObjectNode) input);
      merged.setAll((ObjectNode) behaviour.get("merge"));
      return merged;
    }
    if (behaviour.has("return")) {
      return behaviour.get("return");
    }
    return input;
  }

  private static TaskFailedException failure(JsonNode fail) {
    return new TaskFailedException(fail.path("error").asText(), fail.path("cause").asText());
  }
}
