package dev.stepline.tools.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Access tokens by cache key. One fetch runs per key at a time, so concurrent calls of a cold key
 * make one token request.
 */
final class TokenCache {
  private final Clock clock;
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  /**
   * A fetched token.
   *
   * @param expiresAt the expiry the server reported, or {@code null} when it reported none
   * @param refreshAt from when the cache fetches a new one; {@code null} means never cached
   */
  record Token(String value, Instant expiresAt, Instant refreshAt) {}

  String get(String key, Supplier<Token> fetch) {
    Token cached = tokens.get(key);
    if (isFresh(cached)) {
      return cached.value();
    }
    synchronized (locks.computeIfAbsent(key, unused -> new Object())) {
      cached = tokens.get(key);
      if (isFresh(cached)) {
        return cached.value();
      }
      Token fetched = fetch.get();
      if (fetched.refreshAt() != null) {
        tokens.put(key, fetched);
      } else {
        tokens.remove(key);
      }
      return fetched.value();
    }
  }

  private boolean isFresh(Token token) {
    return token != null && clock.instant().isBefore(token.refreshAt());
  }
}
