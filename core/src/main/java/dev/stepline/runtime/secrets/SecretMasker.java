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
 * <p>NOTE: a string derived from a secret in another way (a slice, a hash) is not recognised.
 */
public final class SecretMasker {
  /** What masked text shows in place of a secret. */
  public static final String MASK = "***";

  // Values shorter than this are not masked: masking "a" or "1" would garble every message.
  private static final int MIN_LENGTH = 3;

  private final Set<String> forms = ConcurrentHashMap.newKeySet();

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

  /** Returns true when no value has been added. */
  public boolean isEmpty() {
    return forms.isEmpty();
  }

  /** Returns {@code text} with every known secret form replaced by {@code ***}. */
  public String mask(String text) {
    if (text == null || forms.isEmpty()) {
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
