package dev.stepline.tools.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real STARTTLS endpoint in front of GreenMail's plain SMTP port, because GreenMail 2.1 has no
 * STARTTLS command. It replies to EHLO offering only STARTTLS, upgrades the connection with TLS,
 * and then relays the encrypted session's SMTP commands to GreenMail, whose own greeting it
 * swallows (the client expects none after STARTTLS).
 */
public final class StartTlsFront implements AutoCloseable {
  private final ServerSocket server;
  private final SSLContext tls;
  private final int backendPort;

  public StartTlsFront(SSLContext tls, int backendPort) throws IOException {
    this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    this.tls = tls;
    this.backendPort = backendPort;
    Thread acceptor = new Thread(this::acceptLoop, "starttls-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread session = new Thread(() -> serve(client), "starttls-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      write(out, "220 front ESMTP ready");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        String command = line.toUpperCase();
        if (command.startsWith("EHLO")) {
          write(out, "250-front\r\n250 STARTTLS");
        } else if (command.startsWith("STARTTLS")) {
          write(out, "220 Ready to start TLS");
          break;
        } else if (command.startsWith("QUIT")) {
          write(out, "221 Bye");
          return;
        } else {
          write(out, "530 Must issue a STARTTLS command first");
        }
      }
      SSLSocket secure =
          (SSLSocket)
              tls.getSocketFactory().createSocket(client, "127.0.0.1", client.getPort(), false);
      secure.setUseClientMode(false);
      secure.startHandshake();
      try (secure;
          Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
        readLine(backend.getInputStream());
        Thread upstream = new Thread(() -> pump(secure, backend), "starttls-upstream");
        upstream.setDaemon(true);
        upstream.start();
        pump(backend, secure);
      }
    } catch (IOException e) {
      // The client went away; nothing to clean up beyond the sockets.
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      // One side closed; the other direction ends on its own.
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).strip();
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
