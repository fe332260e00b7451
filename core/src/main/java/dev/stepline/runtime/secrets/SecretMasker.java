package dev.stepline.runtime.secrets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces every secret value read so far with {@code ***} in text that Stepline shows or emits.
 * One masker serves a whole run (or a whole Lambda container), so a value read by one step stays
 * masked in the lines of every later step. The raw value is masked, and so are its JSON-escaped,
 * URL-encoded and base64 forms.
 *
 * <p>A string computed from a secret ({@link #addDerived}) is masked too. One shorter than three
 * characters (a character of a split secret) cannot be replaced wherever it occurs, so it is masked
 * only where it is a whole quoted string: {@code "a"} in JSON and {@code 'a'} in a Python-style
 * message. Such a masker also hides an unrelated {@code "a"} of the same run.
 *
 * <p>NOTE: a string derived from a secret in another way (a slice, a hash) is not recognised unless
 * it was passed to {@link #addDerived}.
 */
public final class SecretMasker {
  /** What masked text shows in place of a secret. */
  public static final String MASK = "***";

  // Values shorter than this are not masked: masking "a" or "1" would garble every message.
  private static final int MIN_LENGTH = 3;

  private final Set<String> forms = ConcurrentHashMap.newKeySet();
  private final Set<String> shortValues = ConcurrentHashMap.newKeySet();

  /** Adds a secret value, so that later calls of {@link #mask} hide it. */
  public void add(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return;
    }
    forms.add(value);
    forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(value)));
    forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
    forms.add(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Adds a string computed from a secret. Unlike {@link #add}, it also keeps a short one, which is
   * masked where it is a whole quoted string.
   */
  public void addDerived(String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    if (value.length() < MIN_LENGTH) {
      shortValues.add(value);
    } else {
      add(value);
    }
  }

  /** Returns true when no value has been added. */
  public boolean isEmpty() {
    return forms.isEmpty() && shortValues.isEmpty();
  }

  /**
   * Returns true when {@code value}, a whole string, would be shown as {@code ***} in part or
   * whole: it contains a secret form or is a short derived value.
   */
  public boolean hides(String value) {
    return value != null && (shortValues.contains(value) || !mask(value).equals(value));
  }

  /** Returns {@code text} with every known secret form replaced by {@code ***}. */
  public String mask(String text) {
    if (text == null || isEmpty()) {
      return text;
    }
    String masked = maskForms(text);
    for (String value : shortValues) {
      String json = new String(JsonStringEncoder.getInstance().quoteAsString(value));
      masked = masked.replace('"' + json + '"', '"' + MASK + '"');
      masked = masked.replace("'" + value + "'", "'" + MASK + "'");
    }
    return masked;
  }

  private String maskForms(String text) {
    if (forms.isEmpty()) {
      return text;
    }
    // Longest first, so that a value containing another value is replaced whole.
    List<String> ordered =
        forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    String masked = text;
    for (String form : ordered) {
      masked = masked.replace(form, MASK);
    }
    return masked;
  }
}
