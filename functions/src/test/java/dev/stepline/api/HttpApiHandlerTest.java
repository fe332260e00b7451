package dev.stepline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.stepline.runtime.JsonValues;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.store.InMemoryExecutionStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiHandlerTest {
  @TempDir Path dir;

  @Test
  void answersAnHttpApiEventWithABase64Body() throws Exception {
    HttpApiHandler handler = new HttpApiHandler(api());
    String body =
        Base64.getEncoder().encodeToString("{\"name\": \"ops\"}".getBytes(StandardCharsets.UTF_8));

    APIGatewayV2HTTPResponse response =
        handler.handleRequest(event("POST", "/agents", body, true, "Bearer k"), null);

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    assertThat(JsonValues.mapper().readTree(response.getBody()).get("name").asText())
        .isEqualTo("ops");
  }

  @Test
  void answersAnEventWithoutMethodOrKeyWithAJsonError() throws Exception {
    HttpApiHandler handler = new HttpApiHandler(api());

    APIGatewayV2HTTPResponse response = handler.handleRequest(new APIGatewayV2HTTPEvent(), null);

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(JsonValues.mapper().readTree(response.getBody()).at("/error/code").asText())
        .isEqualTo("unauthorized");
  }

  private SteplineApi api() {
    LocalSecretStore secrets = new LocalSecretStore(dir.resolve("secrets.json"), Map.of());
    return new SteplineApi(
        ApiKeys.single("k"),
        new InMemoryApiStore(),
        new InMemoryExecutionStore(),
        tenant -> secrets,
        new RecordingStarter());
  }

  private static APIGatewayV2HTTPEvent event(
      String method, String path, String body, boolean base64, String authorization) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(path)
        .withHeaders(Map.of("authorization", authorization))
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                .build())
        .build();
  }
}
