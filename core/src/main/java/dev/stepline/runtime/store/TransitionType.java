package dev.stepline.runtime.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of a recorded transition, with Julep's names. */
public enum TransitionType {
  INIT,
  INIT_BRANCH,
  STEP,
  WAIT,
  RESUME,
  FINISH_BRANCH,
  FINISH,
  ERROR,
  CANCELLED;

  /** Returns the lower-case name used in the store, the API and messages. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns the transition type with the given lower-case name. */
  @JsonCreator
  public static TransitionType fromWireName(String wireName) {
    return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
  }
}
