package dev.stepline.engine;

import java.util.List;

/** A rule of a state's Retry field, with Step Functions' defaults. */
record Retrier(
    List<String> errorEquals,
    double intervalSeconds,
    int maxAttempts,
    double backoffRate,
    Double maxDelaySeconds,
    boolean fullJitter) {

  static final double DEFAULT_INTERVAL_SECONDS = 1;
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final double DEFAULT_BACKOFF_RATE = 2.0;

  /** Returns the delay before retry number {@code attempt} (0 for the first retry), in seconds. */
  double delaySeconds(int attempt, java.util.function.DoubleSupplier random) {
    double delay = intervalSeconds * Math.pow(backoffRate, attempt);
    if (maxDelaySeconds != null) {
      delay = Math.min(delay, maxDelaySeconds);
    }
    return fullJitter ? delay * random.getAsDouble() : delay;
  }
}
