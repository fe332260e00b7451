package dev.stepline.tools.sql;

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
 * with its own data directory, so it never touches a system installation.
 */
final class LocalMariaDb implements AutoCloseable {
  static final Path SERVER = Path.of("/usr/sbin/mariadbd");
  static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

  final int port;
  private final Process process;

  private LocalMariaDb(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static boolean isInstalled() {
    return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB);
  }

  static LocalMariaDb start() throws Exception {
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
