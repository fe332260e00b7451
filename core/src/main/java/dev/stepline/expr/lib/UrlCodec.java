package dev.stepline.expr.lib;

import dev.stepline.expr.Py;
import dev.stepline.expr.PyTuple;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parts of {@code urllib.parse} that Julep allows, following CPython 3.11's algorithms. */
final class UrlCodec {
  private UrlCodec() {}

  private static final String ALWAYS_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
  private static final String SCHEME_CHARS = ALWAYS_SAFE.replace("_", "").replace("~", "") + "+";
  private static final Set<String> USES_PARAMS =
      Set.of(
          "",
          "ftp",
          "hdl",
          "prospero",
          "http",
          "imap",
          "https",
          "shttp",
          "rtsp",
          "rtspu",
          "sip",
          "sips",
          "mms",
          "sftp",
          "tel");

  static String quote(String text, String safe, boolean plus) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 128 && (ALWAYS_SAFE.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
        out.append((char) c);
      } else if (plus && c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  static String unquote(String text, boolean plus) {
    if (plus) {
      text = text.replace('+', ' ');
    }
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() + 0 && isHex(text, i + 1) && isHex(text, i + 2)) {
        pending.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      flush(out, pending);
      out.append(c);
      i++;
    }
    flush(out, pending);
    return out.toString();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length()
        && Character.digit(text.charAt(index), 16) >= 0
        && text.charAt(index) < 128;
  }

  private static void flush(StringBuilder out, ByteArrayOutputStream pending) {
    if (pending.size() > 0) {
      out.append(new String(pending.toByteArray(), StandardCharsets.UTF_8));
      pending.reset();
    }
  }

  static String urlencode(Object query, boolean doseq) {
    List<Object> pairs = new ArrayList<>();
    if (Py.isMapping(query)) {
      for (Map.Entry<Object, Object> entry : Py.asMap(query).entrySet()) {
        pairs.add(PyTuple.of(entry.getKey(), entry.getValue()));
      }
    } else {
      pairs.addAll(Iteration.toList(query));
    }
    List<String> parts = new ArrayList<>();
    for (Object pair : pairs) {
      List<Object> kv = Iteration.toList(pair);
      String key = quoteValue(kv.get(0));
      Object value = kv.get(1);
      if (doseq
          && !(value instanceof String)
          && (value instanceof List || value instanceof PyTuple)) {
        for (Object item : Iteration.iterable(value)) {
          parts.add(key + "=" + quoteValue(item));
        }
      } else {
        parts.add(key + "=" + quoteValue(value));
      }
    }
    return String.join("&", parts);
  }

  private static String quoteValue(Object value) {
    return quote(value instanceof String text ? text : Py.str(value), "", true);
  }

  static PyTuple urlparse(String url, boolean withParams) {
    String scheme = "";
    String netloc = "";
    String query = "";
    String fragment = "";
    int colon = url.indexOf(':');
    if (colon > 0
        && url.charAt(0) < 128
        && Character.isLetter(url.charAt(0))
        && url.substring(0, colon).chars().allMatch(c -> SCHEME_CHARS.indexOf(c) >= 0)) {
      scheme = url.substring(0, colon).toLowerCase();
      url = url.substring(colon + 1);
    }
    if (url.startsWith("//")) {
      int end = url.length();
      for (char c : new char[] {'/', '?', '#'}) {
        int at = url.indexOf(c, 2);
        if (at >= 0) {
          end = Math.min(end, at);
        }
      }
      netloc = url.substring(2, end);
      url = url.substring(end);
    }
    int hash = url.indexOf('#');
    if (hash >= 0) {
      fragment = url.substring(hash + 1);
      url = url.substring(0, hash);
    }
    int question = url.indexOf('?');
    if (question >= 0) {
      query = url.substring(question + 1);
      url = url.substring(0, question);
    }
    if (!withParams) {
      return PyTuple.named(
          "SplitResult",
          List.of("scheme", "netloc", "path", "query", "fragment"),
          scheme,
          netloc,
          url,
          query,
          fragment);
    }
    String params = "";
    if (USES_PARAMS.contains(scheme) && url.indexOf(';') >= 0) {
      int at = url.indexOf('/') >= 0 ? url.indexOf(';', url.lastIndexOf('/')) : url.indexOf(';');
      if (at >= 0) {
        params = url.substring(at + 1);
        url = url.substring(0, at);
      }
    }
    return PyTuple.named(
        "ParseResult",
        List.of("scheme", "netloc", "path", "params", "query", "fragment"),
        scheme,
        netloc,
        url,
        params,
        query,
        fragment);
  }

  static List<PyTuple> parseQsl(String query, boolean keepBlank) {
    List<PyTuple> pairs = new ArrayList<>();
    for (String field : query.split("&", -1)) {
      if (field.isEmpty()) {
        continue;
      }
      int equals = field.indexOf('=');
      String name;
      String value;
      if (equals < 0) {
        if (!keepBlank) {
          continue;
        }
        name = field;
        value = "";
      } else {
        name = field.substring(0, equals);
        value = field.substring(equals + 1);
      }
      if (!value.isEmpty() || keepBlank) {
        pairs.add(PyTuple.of(unquote(name, true), unquote(value, true)));
      }
    }
    return pairs;
  }
}
