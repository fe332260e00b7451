package dev.stepline.lambda;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/**
 * Writes log events as single-line JSON objects: {@code timestamp}, {@code level}, {@code logger},
 * {@code message}, every MDC entry (see {@link LogFields}), and for an exception {@code errorType},
 * {@code errorMessage} and {@code stackTrace}.
 */
final class JsonLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final Level threshold;
  private final transient MDCAdapter mdc;

  JsonLogger(String name, Level threshold, MDCAdapter mdc) {
    this.name = name;
    this.threshold = threshold;
    this.mdc = mdc;
  }

  /**
   * Returns the level named by {@code text} (as Lambda spells it), {@code null} for {@code OFF}, or
   * INFO when unknown.
   */
  static Level parseLevel(String text) {
    if (text == null || text.isBlank()) {
      return Level.INFO;
    }
    return switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "TRACE" -> Level.TRACE;
      case "DEBUG" -> Level.DEBUG;
      case "WARN" -> Level.WARN;
      // Lambda's FATAL has no SLF4J counterpart; ERROR is the closest that still logs errors.
      case "ERROR", "FATAL" -> Level.ERROR;
      case "OFF" -> null;
      default -> Level.INFO;
    };
  }

  private boolean enabled(Level level) {
    return threshold != null && level.toInt() >= threshold.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    StringBuilder line = new StringBuilder(256).append('{');
    field(line, "timestamp", Instant.now().toString());
    field(line, "level", level.name());
    field(line, "logger", name);
    field(line, "message", MessageFormatter.basicArrayFormat(pattern, arguments));
    Map<String, String> context = mdc.getCopyOfContextMap();
    if (context != null) {
      context.forEach((key, value) -> field(line, key, value));
    }
    if (throwable != null) {
      field(line, "errorType", throwable.getClass().getName());
      field(line, "errorMessage", throwable.getMessage());
      field(line, "stackTrace", stackTrace(throwable));
    }
    line.setCharAt(line.length() - 1, '}');
    PrintStream out = System.out;
    out.println(line);
  }

  private static void field(StringBuilder line, String key, String value) {
    quote(line, key);
    line.append(':');
    if (value == null) {
      line.append("null");
    } else {
      quote(line, value);
    }
    line.append(',');
  }

  /** Appends {@code text} as a JSON string, escaping what RFC 8259 requires and line breaks. */
  private static void quote(StringBuilder line, String text) {
    line.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }

  private static String stackTrace(Throwable throwable) {
    StringWriter text = new StringWriter();
    throwable.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
