package dev.stepline.engine;

/** Classifies the Resource ARN of a Task state into the ways the engine runs it. */
final class TaskResources {
  static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  static final String START_EXECUTION = "arn:aws:states:::states:startExecution";
  static final String WAIT_FOR_TASK_TOKEN = ".waitForTaskToken";

  /** How a resource runs. */
  enum Kind {
    /** A direct Lambda function ARN, run by the task handler. */
    LAMBDA_FUNCTION,
    /** {@code lambda:invoke}: the handler gets the Payload, the result is wrapped. */
    LAMBDA_INVOKE,
    /** {@code states:startExecution}: a fire-and-forget nested execution. */
    START_EXECUTION,
    /** {@code states:startExecution.sync}: waits, Output as a JSON string. */
    START_EXECUTION_SYNC,
    /** {@code states:startExecution.sync:2}: waits, Output as JSON. */
    START_EXECUTION_SYNC2,
    /** Any other resource, run by the task handler. */
    OTHER
  }

  private TaskResources() {}

  static boolean waitsForTaskToken(String resource) {
    return resource.endsWith(WAIT_FOR_TASK_TOKEN);
  }

  static Kind kind(String resource) {
    String base =
        waitsForTaskToken(resource)
            ? resource.substring(0, resource.length() - WAIT_FOR_TASK_TOKEN.length())
            : resource;
    if (base.equals(LAMBDA_INVOKE)) {
      return Kind.LAMBDA_INVOKE;
    }
    if (base.equals(START_EXECUTION + ".sync:2")) {
      return Kind.START_EXECUTION_SYNC2;
    }
    if (base.equals(START_EXECUTION + ".sync")) {
      return Kind.START_EXECUTION_SYNC;
    }
    if (base.equals(START_EXECUTION)) {
      return Kind.START_EXECUTION;
    }
    if (base.startsWith("arn:aws:lambda:")) {
      return Kind.LAMBDA_FUNCTION;
    }
    return Kind.OTHER;
  }

  /** Returns the feature name a coverage check uses for this resource. */
  static String feature(String resource) {
    String kind = "Resource." + kind(resource).name();
    return waitsForTaskToken(resource) ? kind + WAIT_FOR_TASK_TOKEN : kind;
  }

  /** Returns the resourceType and resource fields of Task history events. */
  static String[] historyNames(String resource) {
    if (resource.startsWith("arn:aws:states:::")) {
      String rest = resource.substring("arn:aws:states:::".length());
      int colon = rest.indexOf(':');
      return new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
    }
    return new String[] {"lambda", resource};
  }
}
