package dev.stepline.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The DynamoDB calls of the execution store on one table. Each call names what it was for, and an
 * SDK failure becomes a {@link StoreAccessException} with that description and the cause.
 */
final class TableAccess {
  private static final String PK = "#pk";
  private static final String SK = "#sk";

  private final DynamoDbClient client;
  private final String tableName;

  TableAccess(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  /** Writes the item unless one with its key exists; returns whether it was written. */
  boolean putIfAbsent(Map<String, AttributeValue> item, String what) {
    return putIf(
        item,
        "attribute_not_exists(" + PK + ")",
        Map.of(PK, ExecutionTable.PARTITION_KEY),
        Map.of(),
        what);
  }

  /**
   * Writes the item, replacing one with the same key, when {@code condition} holds on the stored
   * item; returns whether it did.
   *
   * @param names placeholders of {@code condition} for attribute names
   * @param values placeholders of {@code condition} for values
   */
  boolean putIf(
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String what) {
    return call(
        what,
        () -> {
          try {
            client.putItem(
                request ->
                    request
                        .tableName(tableName)
                        .item(item)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  /**
   * Deletes the item with this key when {@code condition} holds on it; returns whether it did.
   *
   * @param names placeholders of {@code condition} for attribute names
   * @param values placeholders of {@code condition} for values
   */
  boolean deleteIf(
      String pk,
      String sk,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String what) {
    Map<String, AttributeValue> key =
        Map.of(
            ExecutionTable.PARTITION_KEY,
            AttributeValue.fromS(pk),
            ExecutionTable.SORT_KEY,
            AttributeValue.fromS(sk));
    return call(
        what,
        () -> {
          try {
            client.deleteItem(
                request ->
                    request
                        .tableName(tableName)
                        .key(key)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values));
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  /** Writes the item, replacing one with the same key. */
  void put(Map<String, AttributeValue> item, String what) {
    call(what, () -> client.putItem(request -> request.tableName(tableName).item(item)));
  }

  /** Reads an item with a strongly consistent read. */
  Optional<Map<String, AttributeValue>> get(String pk, String sk, String what) {
    GetItemResponse response =
        call(
            what,
            () ->
                client.getItem(
                    request -> request.tableName(tableName).key(key(pk, sk)).consistentRead(true)));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  /** Returns whether an item exists, reading only its key. */
  boolean exists(String pk, String sk, String what) {
    GetItemResponse response =
        call(
            what,
            () ->
                client.getItem(
                    request ->
                        request
                            .tableName(tableName)
                            .key(key(pk, sk))
                            .consistentRead(true)
                            .projectionExpression(PK)
                            .expressionAttributeNames(Map.of(PK, ExecutionTable.PARTITION_KEY))));
    return response.hasItem() && !response.item().isEmpty();
  }

  /**
   * Returns every item of the partition whose sort key starts with {@code prefix}, in sort key
   * order, reading all pages.
   *
   * @param attributes the attributes to read, or {@code null} for all
   */
  List<Map<String, AttributeValue>> query(
      String pk, String prefix, List<String> attributes, String what) {
    Map<String, String> names =
        new HashMap<>(Map.of(PK, ExecutionTable.PARTITION_KEY, SK, ExecutionTable.SORT_KEY));
    String projection = null;
    if (attributes != null) {
      List<String> placeholders = new ArrayList<>();
      for (int i = 0; i < attributes.size(); i++) {
        names.put("#p" + i, attributes.get(i));
        placeholders.add("#p" + i);
      }
      projection = String.join(", ", placeholders);
    }
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(tableName)
            .consistentRead(true)
            .keyConditionExpression(PK + " = :pk AND begins_with(" + SK + ", :prefix)")
            .expressionAttributeNames(names)
            .expressionAttributeValues(
                Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
            .projectionExpression(projection);
    return readPages(query, what);
  }

  /**
   * Returns up to {@code limit} items of the task and status index whose partition is {@code
   * partition} and whose sort key starts with {@code prefix}, highest sort key first.
   */
  List<Map<String, AttributeValue>> queryIndex(
      String partition, String prefix, int limit, String what) {
    QueryRequest query =
        QueryRequest.builder()
            .tableName(tableName)
            .indexName(ExecutionTable.BY_TASK_STATUS)
            .keyConditionExpression("#ipk = :pk AND begins_with(#isk, :prefix)")
            .expressionAttributeNames(
                Map.of(
                    "#ipk", ExecutionTable.INDEX_PARTITION_KEY,
                    "#isk", ExecutionTable.INDEX_SORT_KEY))
            .expressionAttributeValues(
                Map.of(
                    ":pk",
                    AttributeValue.fromS(partition),
                    ":prefix",
                    AttributeValue.fromS(prefix)))
            .scanIndexForward(false)
            .limit(limit)
            .build();
    return call(what, () -> client.query(query).items());
  }

  /**
   * Sets attributes of an existing item when {@code condition} holds; returns whether it did.
   *
   * @param names placeholders of {@code condition} for attribute names
   * @param values placeholders of {@code condition} for values
   */
  boolean updateIf(
      String pk,
      String sk,
      Map<String, AttributeValue> set,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String what) {
    Map<String, String> allNames = new HashMap<>(names);
    Map<String, AttributeValue> allValues = new HashMap<>(values);
    List<String> assignments = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, AttributeValue> entry : set.entrySet()) {
      allNames.put("#u" + i, entry.getKey());
      allValues.put(":u" + i, entry.getValue());
      assignments.add("#u" + i + " = :u" + i);
      i++;
    }
    allNames.put(PK, ExecutionTable.PARTITION_KEY);
    UpdateItemRequest request =
        UpdateItemRequest.builder()
            .tableName(tableName)
            .key(key(pk, sk))
            .updateExpression("SET " + String.join(", ", assignments))
            .conditionExpression("attribute_exists(" + PK + ") AND (" + condition + ")")
            .expressionAttributeNames(allNames)
            .expressionAttributeValues(allValues)
            .build();
    return call(
        what,
        () -> {
          try {
            client.updateItem(request);
            return true;
          } catch (ConditionalCheckFailedException e) {
            return false;
          }
        });
  }

  /**
   * Adds one to a number attribute of an existing item and returns the new value, or empty when the
   * item does not exist.
   */
  Optional<Long> increment(String pk, String sk, String attribute, String what) {
    return call(
        what,
        () -> {
          try {
            Map<String, AttributeValue> updated =
                client
                    .updateItem(
                        request ->
                            request
                                .tableName(tableName)
                                .key(key(pk, sk))
                                .updateExpression("ADD #counter :one")
                                .conditionExpression("attribute_exists(" + PK + ")")
                                .expressionAttributeNames(
                                    Map.of("#counter", attribute, PK, ExecutionTable.PARTITION_KEY))
                                .expressionAttributeValues(
                                    Map.of(":one", AttributeValue.fromN("1")))
                                .returnValues(ReturnValue.UPDATED_NEW))
                    .attributes();
            return Optional.of(Long.parseLong(updated.get(attribute).n()));
          } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
          }
        });
  }

  private List<Map<String, AttributeValue>> readPages(QueryRequest.Builder query, String what) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      if (startKey != null) {
        query.exclusiveStartKey(startKey);
      }
      QueryResponse page = call(what, () -> client.query(query.build()));
      items.addAll(page.items());
      startKey =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (startKey != null);
    return items;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of(
        ExecutionTable.PARTITION_KEY, AttributeValue.fromS(pk),
        ExecutionTable.SORT_KEY, AttributeValue.fromS(sk));
  }

  private <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (DynamoDbException e) {
      throw new StoreAccessException(
          "Failed to " + DynamoDbExecutionStore.readable(what) + " in table " + tableName, e);
    }
  }
}
