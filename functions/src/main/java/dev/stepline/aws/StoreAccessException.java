package dev.stepline.aws;

/** A failed DynamoDB call of the execution store, naming the item it was about. */
public class StoreAccessException extends RuntimeException {
  public StoreAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
