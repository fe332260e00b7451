package dev.stepline.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Formats instants as ISO 8601 text in UTC with millisecond precision, as the context object shows
 * them. The last result is cached, because many states enter within the same millisecond.
 */
final class Timestamps {
  private record Cached(long epochMilli, String text) {}

  private static volatile Cached last = new Cached(Long.MIN_VALUE, "");

  private Timestamps() {}

  static String format(Instant instant) {
    long millis = instant.toEpochMilli();
    Cached cached = last;
    if (cached.epochMilli() == millis) {
      return cached.text();
    }
    String text = Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.MILLIS).toString();
    last = new Cached(millis, text);
    return text;
  }
}
