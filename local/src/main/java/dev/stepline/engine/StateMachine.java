package dev.stepline.engine;

import java.util.Map;

/**
 * A checked, compiled state machine: the top-level machine, a Parallel branch or a Map item
 * processor.
 *
 * @param arn the ARN of the registered machine this belongs to, for messages
 * @param startAt the name of the first state
 * @param states the states by name, in definition order
 * @param timeoutSeconds the execution timeout of a top-level machine, or {@code null}
 */
record StateMachine(String arn, String startAt, Map<String, State> states, Integer timeoutSeconds) {

  /** Returns the machine's name: the last part of its ARN. */
  String name() {
    return arn.substring(arn.lastIndexOf(':') + 1);
  }
}
