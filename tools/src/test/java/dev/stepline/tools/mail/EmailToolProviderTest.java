package dev.stepline.tools.mail;

import static dev.stepline.tools.Requests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.stepline.runtime.spi.ToolException;
import dev.stepline.runtime.spi.ToolRequest;
import dev.stepline.tools.ToolsConfig;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends mail to GreenMail over implicit TLS and, through {@link StartTlsFront}, over STARTTLS, with
 * a certificate the client must verify.
 */
class EmailToolProviderTest {
  private static TestCertificates certificates;
  private static GreenMail greenMail;
  private static StartTlsFront startTls;
  private static EmailToolProvider email;

  @BeforeAll
  static void startServers() throws Exception {
    certificates = TestCertificates.create();
    // GreenMail reads its TLS key store from these properties once, when it first opens SMTPS.
    System.setProperty("greenmail.tls.keystore.file", certificates.keyStore.toString());
    System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
    System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
    ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort();
    ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort();
    // The default of 2 s is too short on a busy machine; TLS setup alone can take longer.
    smtp.setServerStartupTimeout(30_000);
    smtps.setServerStartupTimeout(30_000);
    greenMail = new GreenMail(new ServerSetup[] {smtp, smtps});
    greenMail.start();
    greenMail.setUser("sender@example.com", "sender", "mail-pass");
    startTls = new StartTlsFront(certificates.serverContext(), greenMail.getSmtp().getPort());
    email =
        new EmailToolProvider(
            ToolsConfig.builder().sslContext(certificates.clientContext()).build());
  }

  @AfterAll
  static void stopServers() throws Exception {
    startTls.close();
    greenMail.stop();
  }

  @BeforeEach
  void clearMailboxes() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  private static Map<String, Object> smtp(int port, Object... extra) {
    Map<String, Object> smtp =
        map(
            "host",
            "127.0.0.1",
            "port",
            String.valueOf(port),
            "username",
            "sender",
            "password",
            "mail-pass");
    for (int i = 0; i < extra.length; i += 2) {
      smtp.put((String) extra[i], extra[i + 1]);
    }
    return smtp;
  }

  private static Object send(EmailToolProvider provider, Map<String, Object> arguments) {
    return provider.call(
        new ToolRequest(
            "email", "email", map("from", "sender@example.com"), "send", arguments, null, false));
  }

  @Test
  void startTlsDeliversMessageWithHeaders() throws Exception {
    Map<?, ?> output =
        (Map<?, ?>)
            send(
                email,
                map(
                    "to", "recipient@example.com",
                    "cc", List.of("copy@example.com"),
                    "bcc", "hidden@example.com",
                    "subject", "Important update",
                    "body", "This is an important message.",
                    "smtp", smtp(startTls.port(), "security", "starttls")));

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(3);
    MimeMessage message = received[0];
    assertThat(message.getSubject()).isEqualTo("Important update");
    assertThat(message.getFrom()[0].toString()).isEqualTo("sender@example.com");
    assertThat(message.getRecipients(Message.RecipientType.TO)[0].toString())
        .isEqualTo("recipient@example.com");
    assertThat(message.getRecipients(Message.RecipientType.CC)[0].toString())
        .isEqualTo("copy@example.com");
    assertThat(message.getHeader("Bcc")).isNull();
    assertThat(message.getMessageID()).isEqualTo(output.get("message_id")).startsWith("<");
    assertThat(message.getContentType()).startsWith("text/plain; charset=UTF-8");
    assertThat(((String) message.getContent()).strip()).isEqualTo("This is an important message.");
    assertThat(inboxSize("hidden@example.com")).isEqualTo(1);
    assertThat(inboxSize("copy@example.com")).isEqualTo(1);
  }

  private static int inboxSize(String address) throws Exception {
    com.icegreen.greenmail.user.GreenMailUser user =
        greenMail.getUserManager().getUserByEmail(address);
    return user == null
        ? 0
        : greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
  }

  @Test
  void implicitTlsDeliversHtmlAndText() throws Exception {
    send(
        email,
        map(
            "to", "recipient@example.com",
            "subject", "Grüße",
            "body", "plain version",
            "html", "<p>html version</p>",
            "smtp", smtp(greenMail.getSmtps().getPort(), "security", "tls")));

    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("Grüße");
    assertThat(message.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) message.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(((String) parts.getBodyPart(1).getContent()).strip())
        .isEqualTo("<p>html version</p>");
  }

  @Test
  void tlsTrueOnOtherPortUsesImplicitTls() throws Exception {
    send(
        email,
        map(
            "to",
            "recipient@example.com",
            "subject",
            "tls true",
            "body",
            "b",
            "smtp",
            smtp(greenMail.getSmtps().getPort(), "tls", true)));

    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("tls true");
  }

  @Test
  void wrongPasswordIsAuthenticationError() {
    Map<String, Object> smtp =
        smtp(greenMail.getSmtps().getPort(), "security", "tls", "password", "wrong-pass");

    assertThatThrownBy(
            () ->
                send(
                    email,
                    map("to", "recipient@example.com", "subject", "s", "body", "b", "smtp", smtp)))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("AuthenticationError");
              assertThat(error.getMessage())
                  .isEqualTo(
                      "tool 'email': the SMTP server 127.0.0.1:"
                          + greenMail.getSmtps().getPort()
                          + " rejected the login; check username and password");
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void untrustedCertificateIsRefused() {
    EmailToolProvider defaultTrust = new EmailToolProvider(ToolsConfig.defaults());
    Map<String, Object> smtp = smtp(greenMail.getSmtps().getPort(), "security", "tls");

    assertThatThrownBy(
            () ->
                send(
                    defaultTrust,
                    map("to", "recipient@example.com", "subject", "s", "body", "b", "smtp", smtp)))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("ConnectionError");
              assertThat(error.getMessage())
                  .startsWith("tool 'email': the TLS handshake with 127.0.0.1:");
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void startTlsVerifiesCertificate() {
    EmailToolProvider defaultTrust = new EmailToolProvider(ToolsConfig.defaults());
    Map<String, Object> smtp = smtp(startTls.port(), "security", "starttls");

    assertThatThrownBy(
            () ->
                send(
                    defaultTrust,
                    map("to", "recipient@example.com", "subject", "s", "body", "b", "smtp", smtp)))
        .extracting("type")
        .isEqualTo("ConnectionError");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void startTlsIsRequiredNotOptional() {
    Map<String, Object> smtp = smtp(greenMail.getSmtp().getPort(), "security", "starttls");

    assertThatThrownBy(
            () ->
                send(
                    email,
                    map("to", "recipient@example.com", "subject", "s", "body", "b", "smtp", smtp)))
        .isInstanceOfSatisfying(
            ToolException.class,
            error -> {
              assertThat(error.type()).isEqualTo("EmailError");
              assertThat(error.getMessage()).contains("STARTTLS");
            });
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void plainSmtpOnlyWhenAskedFor() throws Exception {
    send(
        email,
        map(
            "to",
            "recipient@example.com",
            "subject",
            "plain",
            "body",
            "b",
            "smtp",
            smtp(greenMail.getSmtp().getPort(), "tls", false)));

    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("plain");
  }

  @Test
  void credentialSuppliesServerSettings() throws Exception {
    Map<String, Object> secret = smtp(greenMail.getSmtps().getPort(), "security", "tls");

    email.call(
        new ToolRequest(
            "email",
            "email",
            map("from", "sender@example.com"),
            "send",
            map("to", "recipient@example.com", "subject", "from secret", "body", "b"),
            secret,
            false));

    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("from secret");
  }

  @Test
  void invalidRecipientIsValueError() {
    assertThatThrownBy(
            () ->
                send(
                    email,
                    map(
                        "to",
                        "not an address",
                        "subject",
                        "s",
                        "body",
                        "b",
                        "smtp",
                        smtp(greenMail.getSmtps().getPort(), "security", "tls"))))
        .hasMessage("tool 'email': 'to' has an invalid email address 'not an address'")
        .extracting("type")
        .isEqualTo("ValueError");
  }

  @Test
  void loopbackIsRefusedWhenDeployed() {
    ToolRequest request =
        new ToolRequest(
            "email",
            "email",
            map("from", "sender@example.com"),
            "send",
            map(
                "to",
                "recipient@example.com",
                "subject",
                "s",
                "body",
                "b",
                "smtp",
                smtp(greenMail.getSmtps().getPort())),
            null,
            true);

    assertThatThrownBy(() -> email.call(request)).extracting("type").isEqualTo("ConnectionError");
  }
}
