package dev.stepline.tools.http;

import dev.stepline.tools.ToolErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** URL parsing and form encoding for tools. */
public final class Urls {
  private Urls() {}

  /**
   * Parses an absolute http or https URL. The message of an invalid URL does not repeat it, because
   * URLs often carry keys in their query.
   */
  public static URI parse(String toolName, String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw ToolErrors.invalid(
          toolName, "the URL is not valid (" + e.getReason() + " at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ToolErrors.invalid(
          toolName, "the URL must start with http:// or https:// (found scheme '" + scheme + "')");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw ToolErrors.invalid(toolName, "the URL has no host");
    }
    return uri;
  }

  public static String formEncode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  public static String formBody(Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach((name, value) -> body.add(formEncode(name) + "=" + formEncode(value)));
    return body.toString();
  }
}
