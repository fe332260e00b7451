package dev.stepline.runtime.store;

import java.time.Instant;

/**
 * One recorded transition of an execution.
 *
 * @param type what happened
 * @param cursor where it happened
 * @param output the output at this point as JSON text, or {@code null} when there is none
 * @param label the step's label, or {@code null}
 * @param createdAt when the store first recorded it
 */
public record Transition(
    TransitionType type, Cursor cursor, String output, String label, Instant createdAt) {

  /** Returns the key under which a store keeps at most one transition. */
  public String key() {
    return type.wireName() + " " + cursor.scope() + " " + cursor.path();
  }
}
