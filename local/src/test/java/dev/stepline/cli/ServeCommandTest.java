package dev.stepline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code stepline serve} errors that stop it before it serves: one line each, no stack trace. */
class ServeCommandTest {

  @Test
  void portOutOfRangeIsUsageError() {
    CommandRun.Result result = CommandRun.execute("serve", "--port", "99999", "--api-key", "k");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "error: --port must be from 0 to 65535 (found 99999); pass 0 for a free port"
                + System.lineSeparator());
  }

  // A guard, not a speed check: a serve that bound the port would block until stopped.
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void portInUseIsOneLineError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());

      CommandRun.Result result = CommandRun.execute("serve", "--port", port, "--api-key", "k");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err().strip().lines()).hasSize(1);
      assertThat(result.err())
          .startsWith("error: failed to listen on 127.0.0.1:" + port + " (")
          .contains("pass another --port, or --port 0 for a free one");
    }
  }
}
