package dev.stepline.aws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stores text attributes of any size without truncating them. A value of at most {@link
 * #INLINE_LIMIT} UTF-8 bytes is an ordinary string attribute. A larger one is split into chunk
 * items of at most {@link #CHUNK_SIZE} bytes in the execution's partition, and the item keeps only
 * {@code <name>Ref} (the chunk group id) and {@code <name>Chunks} (their count), so every item
 * stays far below DynamoDB's 400 KB limit.
 *
 * <p>Chunks are written before the item that refers to them, under a fresh group id, so a reader
 * never sees a reference to missing chunks, and a retried write that loses its condition leaves
 * only unreferenced chunks, which expire with the execution.
 */
final class LargeText {
  /** The largest value, in UTF-8 bytes, kept inside its item; the largest item holds four. */
  static final int INLINE_LIMIT = 32 * 1024;

  /** The size of one chunk item's data, in bytes. */
  static final int CHUNK_SIZE = 300 * 1024;

  private static final int BATCH_SIZE = 25;
  private static final int MAX_BATCH_ATTEMPTS = 8;

  private final DynamoDbClient client;
  private final String tableName;

  LargeText(DynamoDbClient client, String tableName) {
    this.client = client;
    this.tableName = tableName;
  }

  /**
   * Returns the attributes that store {@code text} under {@code name}, after writing its chunk
   * items when it is too large to inline. Returns no attributes for {@code null}.
   */
  Map<String, AttributeValue> write(
      String partitionKey, String name, String text, AttributeValue expiresAt) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    if (text == null) {
      return attributes;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= INLINE_LIMIT) {
      attributes.put(name, AttributeValue.fromS(text));
      return attributes;
    }
    String group = UUID.randomUUID().toString();
    int count = writeChunks(partitionKey, group, bytes, expiresAt);
    attributes.put(name + "Ref", AttributeValue.fromS(group));
    attributes.put(name + "Chunks", AttributeValue.fromN(Integer.toString(count)));
    return attributes;
  }

  /** Returns the names of every attribute that {@link #write} may set for {@code name}. */
  static List<String> attributeNames(String name) {
    return List.of(name, name + "Ref", name + "Chunks");
  }

  /** Returns the text stored under {@code name} in {@code item}, or {@code null} when absent. */
  String read(String partitionKey, Map<String, AttributeValue> item, String name) {
    AttributeValue inline = item.get(name);
    if (inline != null) {
      return inline.s();
    }
    AttributeValue group = item.get(name + "Ref");
    if (group == null) {
      return null;
    }
    int expected = Integer.parseInt(item.get(name + "Chunks").n());
    return readChunks(partitionKey, group.s(), expected);
  }

  private int writeChunks(
      String partitionKey, String group, byte[] bytes, AttributeValue expiresAt) {
    List<WriteRequest> writes = new ArrayList<>();
    int index = 0;
    for (int offset = 0; offset < bytes.length; offset += CHUNK_SIZE, index++) {
      int end = Math.min(bytes.length, offset + CHUNK_SIZE);
      Map<String, AttributeValue> chunk = new HashMap<>();
      chunk.put(ExecutionTable.PARTITION_KEY, AttributeValue.fromS(partitionKey));
      chunk.put(ExecutionTable.SORT_KEY, AttributeValue.fromS(chunkKey(group, index)));
      chunk.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(slice(bytes, offset, end))));
      if (expiresAt != null) {
        chunk.put(ExecutionTable.EXPIRES_AT, expiresAt);
      }
      writes.add(
          WriteRequest.builder().putRequest(PutRequest.builder().item(chunk).build()).build());
    }
    for (int start = 0; start < writes.size(); start += BATCH_SIZE) {
      writeBatch(writes.subList(start, Math.min(writes.size(), start + BATCH_SIZE)), group);
    }
    return index;
  }

  private void writeBatch(List<WriteRequest> batch, String group) {
    Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > MAX_BATCH_ATTEMPTS) {
        throw new IllegalStateException(
            "Failed to write the chunks of value "
                + group
                + ": DynamoDB left items unprocessed after "
                + MAX_BATCH_ATTEMPTS
                + " attempts");
      }
      BatchWriteItemResponse response =
          client.batchWriteItem(
              BatchWriteItemRequest.builder().requestItems(Map.copyOf(pending)).build());
      pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
      if (!pending.isEmpty()) {
        backOff(attempt);
      }
    }
  }

  private String readChunks(String partitionKey, String group, int expected) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String prefix = ExecutionTable.CHUNK + group + ExecutionTable.SEPARATOR;
    int found = 0;
    Map<String, AttributeValue> startKey = null;
    do {
      QueryRequest.Builder query =
          QueryRequest.builder()
              .tableName(tableName)
              .consistentRead(true)
              .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
              .expressionAttributeNames(
                  Map.of("#pk", ExecutionTable.PARTITION_KEY, "#sk", ExecutionTable.SORT_KEY))
              .expressionAttributeValues(
                  Map.of(
                      ":pk", AttributeValue.fromS(partitionKey),
                      ":prefix", AttributeValue.fromS(prefix)));
      if (startKey != null) {
        query.exclusiveStartKey(startKey);
      }
      QueryResponse page = client.query(query.build());
      for (Map<String, AttributeValue> chunk : page.items()) {
        bytes.writeBytes(chunk.get("data").b().asByteArray());
        found++;
      }
      startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (startKey != null);
    if (found != expected) {
      throw new IllegalStateException(
          "value " + group + " has " + found + " chunks in the table, expected " + expected);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String chunkKey(String group, int index) {
    // Zero-padded so that the sort key order is the chunk order.
    return ExecutionTable.sortKey(ExecutionTable.CHUNK, group, String.format("%06d", index));
  }

  private static byte[] slice(byte[] bytes, int start, int end) {
    byte[] slice = new byte[end - start];
    System.arraycopy(bytes, start, slice, 0, slice.length);
    return slice;
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(1000L, 25L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing chunks", e);
    }
  }
}
