package dev.stepline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The event history of one execution in the shape of Step Functions' GetExecutionHistory: each
 * event has an {@code id}, the {@code previousEventId} of the event that led to it, a {@code
 * timestamp}, a {@code type} and a details object named after the type.
 */
final class History {
  private final Clock clock;
  private final List<JsonNode> events = new ArrayList<>();

  History(Clock clock) {
    this.clock = clock;
  }

  /**
   * Appends an event and returns its id.
   *
   * @param previousEventId the id of the event before it on the same path of control, 0 for none
   * @param detailsKey the name of the details field, or {@code null} for an event without details
   */
  synchronized long add(long previousEventId, String type, String detailsKey, ObjectNode details) {
    long id = events.size() + 1;
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("id", id);
    event.put("previousEventId", previousEventId);
    event.put("timestamp", clock.instant().toString());
    event.put("type", type);
    if (detailsKey != null) {
      event.set(detailsKey, details);
    }
    events.add(event);
    return id;
  }

  synchronized List<JsonNode> events() {
    return List.copyOf(events);
  }

  /** Returns the event types so far, for messages. */
  synchronized List<String> types() {
    List<String> types = new ArrayList<>(events.size());
    events.forEach(event -> types.add(event.get("type").asText()));
    return types;
  }

  static ObjectNode details() {
    return JsonNodeFactory.instance.objectNode();
  }
}
