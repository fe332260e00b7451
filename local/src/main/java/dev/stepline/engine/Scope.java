package dev.stepline.engine;

/**
 * One path of control inside an execution: the whole machine, a Parallel branch or a Map iteration.
 * It keeps the id of its last history event, so the next event can point back to it, and a
 * cancellation flag that a failing sibling sets.
 */
final class Scope {
  private final Scope parent;
  private volatile boolean cancelled;
  long lastEventId;

  Scope(Scope parent, long lastEventId) {
    this.parent = parent;
    this.lastEventId = lastEventId;
  }

  /** Returns a child scope for a branch or iteration that starts after event {@code eventId}. */
  Scope child(long eventId) {
    return new Scope(this, eventId);
  }

  void cancel() {
    cancelled = true;
  }

  boolean isCancelled() {
    return cancelled || (parent != null && parent.isCancelled());
  }
}
