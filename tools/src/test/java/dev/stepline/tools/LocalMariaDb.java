package dev.stepline.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway MariaDB server on 127.0.0.1, started from the {@code mariadbd} binary of the machine
 * with its own data directory, so it never touches a system installation. Shared through the tools
 * test-jar by every test that needs MySQL or MariaDB.
 */
public final class LocalMariaDb implements AutoCloseable {
  public static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  public static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

  public final int port;
  private final Process process;

  private LocalMariaDb(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  public static boolean isInstalled() {
    return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB);
  }

  /**
   * Skips the calling test, saying why, when MariaDB is not installed. The test skips under {@code
   * -Dstepline.requireTools=true} too, because {@code .ci/setup-tools} installs MariaDB best effort
   * only (as root with apt-get) and promises to skip these tests where it cannot.
   */
  public static void assumeInstalled() {
    assumeTrue(
        isInstalled(),
        SERVER
            + " or "
            + INSTALL_DB
            + " is missing; install Debian's mariadb-server-core (bash .ci/setup-tools does, as root)"
            + " to run this test");
  }

  public static LocalMariaDb start() throws Exception {
    Path directory = Files.createTempDirectory("stepline-mariadb");
    Path data = directory.resolve("data");
    run(
        List.of(
            INSTALL_DB.toString(),
            "--no-defaults",
            "--datadir=" + data,
            "--user=root",
            "--auth-root-authentication-method=normal",
            "--skip-test-db"),
        directory.resolve("install.log"));
    int port = freePort();
    Process process =
        new ProcessBuilder(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--user=root",
                "--bind-address=127.0.0.1",
                "--port=" + port,
                "--socket=" + directory.resolve("mariadb.sock"),
                "--pid-file=" + directory.resolve("mariadb.pid"),
                "--skip-log-bin",
                "--innodb-buffer-pool-size=16M")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("server.log").toFile())
            .start();
    LocalMariaDb server = new LocalMariaDb(port, process);
    server.awaitPort(directory.resolve("server.log"));
    return server;
  }

  private static void run(List<String> command, Path log) throws Exception {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void awaitPort(Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mariadbd exited: " + Files.readString(log));
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    close();
    throw new IllegalStateException(
        "mariadbd did not open port " + port + ": " + Files.readString(log));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
