package dev.stepline.runtime.secrets;

import dev.stepline.expr.ExpressionException;
import dev.stepline.expr.PyMapping;
import dev.stepline.runtime.JsonValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The {@code secrets} name of an expression: a mapping that fetches a secret only when an
 * expression reads it, and adds every value it returns to the masker. A value that is a JSON object
 * reads as a mapping ({@code secrets.db.password}).
 */
public final class SecretsMapping implements PyMapping {
  private final SecretStore store;
  private final SecretMasker masker;
  private final Map<String, String> read = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final Set<String> namesHoldingSecrets = ConcurrentHashMap.newKeySet();

  public SecretsMapping(SecretStore store, SecretMasker masker) {
    this.store = store;
    this.masker = masker;
  }

  @Override
  public Object getItem(String name) {
    return resolve(name);
  }

  /**
   * Returns the value of a secret as an expression value and masks it from now on.
   *
   * @throws ExpressionException {@code KeyError} "secret not found: NAME" when it is missing, or
   *     {@code ValueError} when the name is invalid; neither message contains a value
   */
  public Object resolve(String name) {
    String value;
    try {
      value = store.get(name);
    } catch (SecretException e) {
      throw new ExpressionException(e.type(), e.getMessage());
    }
    read.put(name, value);
    reads.incrementAndGet();
    masker.add(value);
    Object structured = structured(value);
    if (structured == null) {
      return value;
    }
    maskLeaves(structured);
    return structured;
  }

  /**
   * Masks every string in a value that grants what a secret grants, such as the access token a tool
   * obtained with a client secret.
   */
  public void maskDerived(Object value) {
    maskLeaves(value);
  }

  /**
   * Counts reading a value that contains a secret-derived string, such as a step output read back
   * from the execution store, as a secret read. What an expression computes from it is then
   * secret-derived too, even in a process that never read the secret itself.
   */
  public void noteRead(Object value) {
    if (holdsSecret(value)) {
      reads.incrementAndGet();
    }
  }

  /**
   * Records that the value bound to {@code name} (such as {@code _} or {@code state}) contains a
   * secret-derived string, when it does. An expression that mentions the name then counts as
   * reading a secret, because the name was bound before the expression ran.
   */
  public void noteBinding(String name, Object value) {
    if (holdsSecret(value)) {
      namesHoldingSecrets.add(name);
    }
  }

  /**
   * Returns whether expression source text mentions a name that {@link #noteBinding} found holding
   * a secret-derived string. A mention inside a string literal counts too, which errs on the side
   * of treating a result as secret.
   */
  public boolean mentionsSecretBinding(String source) {
    for (String name : namesHoldingSecrets) {
      String word = "(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])";
      if (Pattern.compile(word).matcher(source).find()) {
        return true;
      }
    }
    return false;
  }

  private boolean holdsSecret(Object value) {
    if (value instanceof String text) {
      return masker.hides(text);
    } else if (value instanceof Map<?, ?> map) {
      return map.keySet().stream().anyMatch(this::holdsSecret)
          || map.values().stream().anyMatch(this::holdsSecret);
    } else if (value instanceof List<?> list) {
      return list.stream().anyMatch(this::holdsSecret);
    }
    return false;
  }

  /**
   * Returns how many secret reads this mapping has served. An expression read a secret when the
   * count grew while it ran.
   */
  public int readCount() {
    return reads.get();
  }

  /**
   * Adds every string in a value computed from a secret to the masker when it no longer contains a
   * secret's known form, so that a slice or a re-encoding is masked as a whole. A string that still
   * contains the value (such as {@code Bearer <value>}) keeps its other text. Numbers and booleans
   * stay visible.
   */
  public void taint(Object value) {
    if (value instanceof String text) {
      if (masker.mask(text).equals(text)) {
        masker.addDerived(text);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(this::taint);
    } else if (value instanceof List<?> list) {
      list.forEach(this::taint);
    }
  }

  /**
   * Reads every secret this mapping has served again, bypassing caches, and returns whether any
   * value changed. The next read of a changed secret returns the new value.
   */
  public boolean refreshRead() {
    boolean changed = false;
    for (Map.Entry<String, String> entry : Map.copyOf(read).entrySet()) {
      Optional<String> fresh;
      try {
        fresh = store.refresh(entry.getKey());
      } catch (SecretException e) {
        continue;
      }
      if (fresh.isPresent() && !fresh.get().equals(entry.getValue())) {
        changed = true;
      }
    }
    return changed;
  }

  @Override
  public boolean contains(String name) {
    return SecretNames.isValid(name) && store.find(name).isPresent();
  }

  @Override
  public List<String> keys() {
    return store.list().stream().map(SecretMetadata::name).toList();
  }

  @Override
  public String typeName() {
    return "secrets";
  }

  private static Object structured(String value) {
    String trimmed = value.strip();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      return null;
    }
    try {
      Object parsed = JsonValues.fromJson(trimmed);
      return parsed instanceof Map ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // Numbers and booleans inside a structured secret stay visible: masking "1" or "True" would
  // garble every message.
  private void maskLeaves(Object value) {
    if (value instanceof String text) {
      masker.add(text);
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(this::maskLeaves);
    } else if (value instanceof List<?> list) {
      list.forEach(this::maskLeaves);
    }
  }
}
