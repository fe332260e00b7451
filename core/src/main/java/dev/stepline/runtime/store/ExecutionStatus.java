package dev.stepline.runtime.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Set;

/**
 * The status of an execution, with the changes it allows. The names are Julep's, written in lower
 * case wherever they are stored or shown.
 */
public enum ExecutionStatus {
  QUEUED,
  STARTING,
  RUNNING,
  AWAITING_INPUT,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** Returns the lower-case name used in the store, the API and messages. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the status with the given lower-case name. */
  @JsonCreator
  public static ExecutionStatus fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
  }

  /** Returns true when no change leaves this status. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /**
   * Returns true when an execution may change from this status to {@code next}. Setting the current
   * status again is allowed, so that a retried write is a no-op.
   */
  public boolean canChangeTo(ExecutionStatus next) {
    return next == this || allowedNext().contains(next);
  }

  private Set<ExecutionStatus> allowedNext() {
    return switch (this) {
      case QUEUED -> Set.of(STARTING, FAILED, CANCELLED);
      case STARTING -> Set.of(RUNNING, FAILED, CANCELLED);
      case RUNNING -> Set.of(AWAITING_INPUT, SUCCEEDED, FAILED, CANCELLED);
      case AWAITING_INPUT -> Set.of(RUNNING, FAILED, CANCELLED);
      case SUCCEEDED, FAILED, CANCELLED -> Set.of();
    };
  }
}
