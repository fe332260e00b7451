package dev.stepline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.local.LocalRun;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.store.ExecutionRecord;
import dev.stepline.runtime.store.ExecutionStore;
import dev.stepline.runtime.store.Failure;
import dev.stepline.runtime.store.Transition;

/**
 * The JSON that {@code stepline run --trace FILE} writes: the execution record, its transitions in
 * order, and the engine's history in GetExecutionHistory event shape. The caller masks secrets.
 */
final class TraceDocument {
  private TraceDocument() {}

  static ObjectNode of(ExecutionStore store, LocalRun.Outcome outcome) {
    ObjectNode trace = JsonValues.mapper().createObjectNode();
    ExecutionRecord record = store.findExecution(outcome.executionId()).orElseThrow();
    trace.set("execution", execution(record));
    ArrayNode transitions = trace.putArray("transitions");
    for (Transition transition : store.transitions(outcome.executionId())) {
      transitions.add(transition(transition));
    }
    ArrayNode history = trace.putArray("history");
    outcome.history().forEach(history::add);
    return trace;
  }

  private static ObjectNode execution(ExecutionRecord record) {
    ObjectNode node = JsonValues.mapper().createObjectNode();
    node.put("id", record.id());
    node.put("task_id", record.taskId());
    node.put("status", record.status().wireName());
    node.set("input", json(record.input()));
    node.set("output", json(record.output()));
    if (record.error() != null) {
      node.set("error", failure(record.error()));
    }
    node.put("created_at", record.createdAt().toString());
    node.put("updated_at", record.updatedAt().toString());
    return node;
  }

  private static ObjectNode transition(Transition transition) {
    ObjectNode node = JsonValues.mapper().createObjectNode();
    node.put("type", transition.type().wireName());
    ObjectNode cursor = node.putObject("cursor");
    cursor.put("workflow", transition.cursor().workflow());
    cursor.put("path", transition.cursor().path());
    cursor.put("scope", transition.cursor().scope());
    node.set("output", json(transition.output()));
    node.put("label", transition.label());
    node.put("created_at", transition.createdAt().toString());
    return node;
  }

  private static ObjectNode failure(Failure failure) {
    ObjectNode node = JsonValues.mapper().createObjectNode();
    node.put("type", failure.type());
    node.put("message", failure.message());
    node.put("path", failure.path());
    node.put("scope", failure.scope());
    return node;
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return JsonValues.mapper().nullNode();
    }
    try {
      return JsonValues.mapper().readTree(text);
    } catch (java.io.IOException e) {
      return JsonValues.mapper().getNodeFactory().textNode(text);
    }
  }
}
