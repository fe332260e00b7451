package dev.stepline.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The layout of Stepline's single DynamoDB table: key attributes, the index, and the sort key of
 * each item kind. {@code docs/storage.md} lists the access patterns; {@code template.yaml} declares
 * the same table.
 *
 * <p>Every item of an execution shares the partition key {@code EXEC#<id>}. Sort keys start with
 * the item kind and separate their fields with U+001F (unit separator), a character that no scope
 * id, step path or state key contains, so that a prefix query for one scope never matches another.
 */
public final class ExecutionTable {
  public static final String PARTITION_KEY = "pk";
  public static final String SORT_KEY = "sk";

  /** The index that lists the executions of a task by status, newest first. */
  public static final String BY_TASK_STATUS = "byTaskStatus";

  public static final String INDEX_PARTITION_KEY = "gsi1pk";
  public static final String INDEX_SORT_KEY = "gsi1sk";

  /** The attribute the table's time to live reads: expiry time in epoch seconds. */
  public static final String EXPIRES_AT = "expiresAt";

  static final char SEPARATOR = '\u001f';

  static final String EXECUTION = "EXECUTION";
  static final String TRANSITION = "TRANSITION#";
  static final String STEP = "STEP#";
  static final String FAILURE = "FAILURE#";
  static final String SCOPE_START = "START#";
  static final String COLLECTION = "COLLECTION#";
  static final String STATE = "STATE#";
  static final String TOKEN = "TOKEN#";
  static final String CHUNK = "CHUNK#";

  private ExecutionTable() {}

  static String partitionKey(String executionId) {
    return "EXEC#" + executionId;
  }

  /** Returns the sort key {@code <kind><field>␟<field>...}. */
  static String sortKey(String kind, String... fields) {
    return kind + String.join(String.valueOf(SEPARATOR), fields);
  }

  /**
   * Returns the prefix shared by every sort key of {@code kind} whose first field is {@code scope}.
   */
  static String scopePrefix(String kind, String scope) {
    return kind + scope + SEPARATOR;
  }

  static String taskPartition(String taskId) {
    return "TASK#" + taskId;
  }

  /**
   * Creates the table with on-demand capacity, or does nothing when it exists, and waits until it
   * is active. The time to live is switched on separately, see {@link #enableTimeToLive}.
   */
  public static void create(DynamoDbClient client, String tableName) {
    try {
      client.createTable(
          CreateTableRequest.builder()
              .tableName(tableName)
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .attributeDefinitions(
                  stringAttribute(PARTITION_KEY),
                  stringAttribute(SORT_KEY),
                  stringAttribute(INDEX_PARTITION_KEY),
                  stringAttribute(INDEX_SORT_KEY))
              .keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
              .globalSecondaryIndexes(
                  GlobalSecondaryIndex.builder()
                      .indexName(BY_TASK_STATUS)
                      .keySchema(
                          key(INDEX_PARTITION_KEY, KeyType.HASH),
                          key(INDEX_SORT_KEY, KeyType.RANGE))
                      .projection(
                          Projection.builder()
                              .projectionType(ProjectionType.INCLUDE)
                              .nonKeyAttributes(ExecutionSummary.ATTRIBUTES)
                              .build())
                      .build())
              .build());
    } catch (ResourceInUseException e) {
      // The table exists already; creating it is idempotent for callers.
    }
    client.waiter().waitUntilTableExists(request -> request.tableName(tableName));
  }

  /** Switches on the table's time to live on {@link #EXPIRES_AT}. */
  public static void enableTimeToLive(DynamoDbClient client, String tableName) {
    client.updateTimeToLive(
        request ->
            request
                .tableName(tableName)
                .timeToLiveSpecification(spec -> spec.attributeName(EXPIRES_AT).enabled(true)));
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
