package dev.stepline.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Lambda handler behind an API Gateway HTTP API (payload format 2.0): turns the event into an
 * {@link ApiRequest}, passes it to {@link SteplineApi} and returns the response as JSON.
 */
public final class HttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final SteplineApi api;

  public HttpApiHandler(SteplineApi api) {
    this.api = api;
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    ApiResponse response = api.handle(request(event));
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.put("Content-Type", "application/json");
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(headers)
        .withBody(response.body().toString())
        .withIsBase64Encoded(false)
        .build();
  }

  /** Returns the request an HTTP API event carries. */
  static ApiRequest request(APIGatewayV2HTTPEvent event) {
    String method =
        event.getRequestContext() == null || event.getRequestContext().getHttp() == null
            ? ""
            : event.getRequestContext().getHttp().getMethod();
    return new ApiRequest(
        method,
        event.getRawPath(),
        event.getQueryStringParameters(),
        event.getHeaders(),
        event.getBody(),
        event.getIsBase64Encoded());
  }
}
