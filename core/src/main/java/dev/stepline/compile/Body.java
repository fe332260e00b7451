package dev.stepline.compile;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The states of one state list (a machine, a Map iteration, a Parallel branch), with a Succeed
 * state created on first use for Choice rules that must end the list.
 */
final class Body {
  private final String owner;
  private String doneState;

  Body(String owner) {
    this.owner = owner;
  }

  /** Returns the name of the Succeed state that ends this body, reserving it on first use. */
  String done(StateNames names) {
    if (doneState == null) {
      doneState = names.reserve(owner + " (done)");
    }
    return doneState;
  }

  /** Adds the Succeed state to {@code states} if something goes there. */
  void addDoneState(ObjectNode states) {
    if (doneState != null) {
      ObjectNode succeed = AslJson.object();
      succeed.put("Type", "Succeed");
      states.set(doneState, succeed);
    }
  }
}
