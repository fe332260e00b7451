package dev.stepline.lambda;

/**
 * The MDC keys a step handler sets for one invocation. Every log line written during the invocation
 * carries them, so the lines of one step can be found by execution id and step path.
 */
public final class LogFields {
  public static final String EXECUTION = "execution";
  public static final String PATH = "path";
  public static final String SCOPE = "scope";
  public static final String ACTION = "action";

  /** The Step Functions retry count of the Task state ({@code $$.State.RetryCount}), from 0. */
  public static final String ATTEMPT = "attempt";

  /** The Lambda request id of the invocation. */
  public static final String REQUEST_ID = "requestId";

  private LogFields() {}
}
