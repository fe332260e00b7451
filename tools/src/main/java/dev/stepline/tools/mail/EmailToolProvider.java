package dev.stepline.tools.mail;

import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolProvider;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.AddressPolicy;
import dev.stepline.tools.Fields;
import dev.stepline.tools.ToolErrors;
import dev.stepline.tools.ToolsConfig;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Runs {@code email} tools: sends one message over SMTP with Angus Mail. The server comes from
 * {@code smtp:} in the arguments over {@code smtp:} in the definition over the step's credential;
 * the message from {@code to}, {@code cc}, {@code bcc}, {@code from}, {@code reply_to}, {@code
 * subject}, {@code body} (plain text) and {@code html}. With both {@code body} and {@code html} the
 * message is multipart/alternative. TLS connections verify the server's certificate and host name.
 * The output is {@code {message_id}}.
 */
public final class EmailToolProvider implements ToolProvider {
  private static final Set<String> OPERATIONS = Set.of("send", "send_email");

  private final ToolsConfig config;
  private final AddressPolicy addressPolicy;

  public EmailToolProvider(ToolsConfig config) {
    this.config = config;
    this.addressPolicy = new AddressPolicy(config.allowLinkLocal());
  }

  @Override
  public Set<String> types() {
    return Set.of("email");
  }

  @Override
  public Object call(ToolRequest request) {
    String name = request.toolName();
    if (request.operation() != null && !OPERATIONS.contains(request.operation())) {
      throw ToolErrors.invalid(
          name, "unknown operation '" + request.operation() + "' for an email tool; use send");
    }
    SmtpSettings smtp = SmtpSettings.read(Fields.section(request, "smtp"));
    Fields message = new Fields(name, Fields.merge(request.spec(), request.arguments()));
    addressPolicy.check(name, smtp.host(), request.deployed());

    Session session = Session.getInstance(properties(smtp));
    try {
      MimeMessage mime = compose(session, message, smtp);
      send(session, mime, smtp);
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("message_id", mime.getMessageID());
      return output;
    } catch (MessagingException e) {
      throw classify(name, smtp, e);
    }
  }

  private Properties properties(SmtpSettings smtp) {
    Properties properties = new Properties();
    String timeout = String.valueOf(config.smtpTimeout().toMillis());
    properties.put("mail.smtp.host", smtp.host());
    properties.put("mail.smtp.port", String.valueOf(smtp.port()));
    properties.put("mail.smtp.auth", String.valueOf(smtp.username() != null));
    properties.put("mail.smtp.connectiontimeout", timeout);
    properties.put("mail.smtp.timeout", timeout);
    properties.put("mail.smtp.writetimeout", timeout);
    if (smtp.security() != SmtpSettings.Security.NONE) {
      properties.put("mail.smtp.ssl.checkserveridentity", "true");
      properties.put("mail.smtp.ssl.socketFactory", sslContext().getSocketFactory());
    }
    if (smtp.security() == SmtpSettings.Security.STARTTLS) {
      properties.put("mail.smtp.starttls.enable", "true");
      properties.put("mail.smtp.starttls.required", "true");
    } else if (smtp.security() == SmtpSettings.Security.TLS) {
      properties.put("mail.smtp.ssl.enable", "true");
    }
    return properties;
  }

  private SSLContext sslContext() {
    if (config.sslContext() != null) {
      return config.sslContext();
    }
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no default TLS context", e);
    }
  }

  private static MimeMessage compose(Session session, Fields message, SmtpSettings smtp)
      throws MessagingException {
    String name = message.toolName();
    MimeMessage mime = new MimeMessage(session);
    String from = message.string("from", "sender");
    if (from == null) {
      from = smtp.username();
    }
    if (from == null) {
      throw ToolErrors.invalid(name, "'from' is missing and there is no SMTP username to use");
    }
    mime.setFrom(address(name, "from", from));
    List<String> to = message.stringList("to");
    if (to.isEmpty()) {
      throw ToolErrors.invalid(name, "'to' is missing; give one address or a list");
    }
    mime.setRecipients(Message.RecipientType.TO, addresses(name, "to", to));
    mime.setRecipients(Message.RecipientType.CC, addresses(name, "cc", message.stringList("cc")));
    mime.setRecipients(
        Message.RecipientType.BCC, addresses(name, "bcc", message.stringList("bcc")));
    List<String> replyTo = message.stringList("reply_to");
    if (!replyTo.isEmpty()) {
      mime.setReplyTo(addresses(name, "reply_to", replyTo));
    }
    mime.setSubject(message.string("subject") == null ? "" : message.string("subject"), "UTF-8");
    setContent(mime, message.string("body", "text"), message.string("html"));
    mime.saveChanges();
    return mime;
  }

  private static void setContent(MimeMessage mime, String text, String html)
      throws MessagingException {
    String charset = StandardCharsets.UTF_8.name();
    if (text != null && html != null) {
      MimeMultipart alternative = new MimeMultipart("alternative");
      MimeBodyPart plainPart = new MimeBodyPart();
      plainPart.setText(text, charset, "plain");
      MimeBodyPart htmlPart = new MimeBodyPart();
      htmlPart.setText(html, charset, "html");
      alternative.addBodyPart(plainPart);
      alternative.addBodyPart(htmlPart);
      mime.setContent(alternative);
    } else if (html != null) {
      mime.setText(html, charset, "html");
    } else {
      mime.setText(text == null ? "" : text, charset, "plain");
    }
  }

  private static InternetAddress address(String toolName, String field, String text) {
    try {
      InternetAddress address = new InternetAddress(text, true);
      return address;
    } catch (AddressException e) {
      throw ToolErrors.invalid(
          toolName, "'" + field + "' has an invalid email address '" + text + "'");
    }
  }

  private static Address[] addresses(String toolName, String field, List<String> texts) {
    if (texts.isEmpty()) {
      return null;
    }
    Address[] addresses = new Address[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      addresses[i] = address(toolName, field, texts.get(i));
    }
    return addresses;
  }

  private static void send(Session session, MimeMessage mime, SmtpSettings smtp)
      throws MessagingException {
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
      transport.sendMessage(mime, mime.getAllRecipients());
    }
  }

  private static ToolException classify(String toolName, SmtpSettings smtp, MessagingException e) {
    String server = smtp.host() + ":" + smtp.port();
    String prefix = "tool '" + toolName + "': ";
    if (e instanceof AuthenticationFailedException) {
      return new ToolException(
          ToolErrors.AUTHENTICATION,
          prefix + "the SMTP server " + server + " rejected the login; check username and password",
          e);
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException) {
        return new ToolException(
            ToolErrors.TIMEOUT, prefix + "the SMTP server " + server + " timed out", e);
      }
      if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
        return new ToolException(
            ToolErrors.CONNECTION, prefix + "failed to connect to the SMTP server " + server, e);
      }
      if (cause instanceof SSLException) {
        return new ToolException(
            ToolErrors.CONNECTION,
            prefix + "the TLS handshake with " + server + " failed: " + cause.getMessage(),
            e);
      }
    }
    String kind = e instanceof SendFailedException ? "rejected the message" : "failed";
    return new ToolException(
        ToolErrors.EMAIL,
        prefix + "sending through " + server + " " + kind + ": " + e.getMessage(),
        e);
  }
}
