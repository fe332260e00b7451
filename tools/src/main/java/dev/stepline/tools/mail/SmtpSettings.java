package dev.stepline.tools.mail;

import dev.stepline.tools.Fields;
import dev.stepline.tools.ToolErrors;
import java.util.Locale;

/**
 * The SMTP server and how to reach it. {@code security} is {@code starttls} (upgrade a plain
 * connection, and fail if the server cannot), {@code tls} (TLS from the first byte, usually port
 * 465) or {@code none}. Without {@code security}, the port decides: the submission and relay ports
 * 587, 25 and 2525 (and no port) use STARTTLS, any other port uses TLS from the first byte, and
 * {@code tls: false} means {@code none}.
 */
record SmtpSettings(String host, int port, String username, String password, Security security) {

  private static final java.util.Set<Long> STARTTLS_PORTS = java.util.Set.of(25L, 587L, 2525L);

  enum Security {
    STARTTLS,
    TLS,
    NONE
  }

  static SmtpSettings read(Fields fields) {
    String host = fields.requiredString("host");
    Long port = fields.integer("port");
    Security security = security(fields, port);
    int resolvedPort = security == Security.TLS ? 465 : 587;
    if (port != null) {
      resolvedPort = port.intValue();
    }
    if (resolvedPort < 1 || resolvedPort > 65535) {
      throw ToolErrors.invalid(fields.toolName(), "'port' must be between 1 and 65535");
    }
    return new SmtpSettings(
        host, resolvedPort, fields.string("username", "user"), fields.string("password"), security);
  }

  private static Security security(Fields fields, Long port) {
    String security = fields.string("security");
    if (security != null) {
      switch (security.toLowerCase(Locale.ROOT)) {
        case "starttls":
          return Security.STARTTLS;
        case "tls":
        case "ssl":
          return Security.TLS;
        case "none":
          return Security.NONE;
        default:
          throw ToolErrors.invalid(
              fields.toolName(),
              "'security' must be starttls, tls or none (found '" + security + "')");
      }
    }
    Boolean tls = fields.bool("tls");
    if (tls != null && !tls) {
      return Security.NONE;
    }
    return port == null || STARTTLS_PORTS.contains(port) ? Security.STARTTLS : Security.TLS;
  }
}
