package dev.stepline.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Calls handlers the way Lambda does, and reads what they left in the execution table. */
final class HandlerCalls {
  private HandlerCalls() {}

  /** Returns the step request of an action in the main workflow's scope, as JSON text. */
  static String request(String action, String execution, String path) {
    return "{\"action\": \""
        + action
        + "\", \"execution\": \""
        + execution
        + "\", \"workflow\": \"main\", \"path\": \""
        + path
        + "\", \"scope\": \"\"}";
  }

  /** Invokes a handler with an event and returns what it wrote. */
  static String invoke(StepHandler handler, String event) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        output,
        new TestContext("request-" + UUID.randomUUID()));
    return output.toString(StandardCharsets.UTF_8);
  }

  /** Returns every attribute of every item of the execution, as text. */
  static String tableText(DynamoDbClient dynamoDb, String table, String id) {
    StringBuilder text = new StringBuilder();
    for (Map<String, AttributeValue> item :
        dynamoDb
            .query(
                r ->
                    r.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS("EXEC#" + id))))
            .items()) {
      text.append(item).append('\n');
    }
    return text.toString();
  }
}
