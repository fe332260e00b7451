package dev.stepline.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Forms of canary secret values that leak tests search for, and changes to sealed values. */
public final class Canaries {
  private Canaries() {}

  /** Returns a value in raw, base64, URL-encoded and JSON-escaped form. */
  public static List<String> forms(String value) {
    return List.of(
        value,
        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)),
        URLEncoder.encode(value, StandardCharsets.UTF_8),
        new String(JsonStringEncoder.getInstance().quoteAsString(value)));
  }

  /** Returns a sealed value with one base64url character of its ciphertext changed. */
  public static String tampered(String sealed) {
    int at = sealed.length() - 4;
    char changed = sealed.charAt(at) == 'A' ? 'B' : 'A';
    return sealed.substring(0, at) + changed + sealed.substring(at + 1);
  }
}
