package dev.stepline.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepline.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The rotation Lambda that Secrets Manager invokes with {@code {"SecretId", "ClientRequestToken",
 * "Step"}} once per step. A failed step throws, and Secrets Manager retries it.
 */
public final class SecretRotationHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SecretRotator rotator;

  /** Builds the clients from the environment, once per Lambda container. */
  public SecretRotationHandler() {
    this(new AwsClients(System.getenv()).secretsManager(), HttpClient.newHttpClient());
  }

  public SecretRotationHandler(SecretsManagerClient client, HttpClient http) {
    this(new SecretRotator(client, new RotationStrategies(client, http), true));
  }

  SecretRotationHandler(SecretRotator rotator) {
    this.rotator = rotator;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    handle(JSON.readValue(input, new TypeReference<Map<String, Object>>() {}));
    output.write("null".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Runs the step that an event names. */
  public void handle(Map<String, Object> event) {
    rotator.run(
        field(event, "SecretId"),
        field(event, "ClientRequestToken"),
        RotationStep.of(field(event, "Step")));
  }

  private static String field(Map<String, Object> event, String name) {
    Object value = event.get(name);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new RotationException(
          "rotation event lacks the field " + name + " (found " + event.keySet() + ")");
    }
    return text;
  }
}
