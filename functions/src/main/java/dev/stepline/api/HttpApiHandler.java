package dev.stepline.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda handler behind an API Gateway HTTP API (payload format 2.0): turns the event into an
 * {@link ApiRequest}, passes it to {@link SteplineApi} and returns the response as JSON.
 *
 * <p>On AWS, API Gateway authenticates callers (IAM by default, see {@code template.yaml}) and the
 * tenant comes from the event's authorizer context, see {@link GatewayTenants}. An event without
 * that context is checked against the bearer API keys, of which the Lambda function has none, so it
 * gets a 401.
 */
public final class HttpApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final SteplineApi api;
  private final GatewayTenants gatewayTenants;

  /**
   * The Lambda entry point: wires DynamoDB, Secrets Manager and Step Functions from the variables
   * {@code template.yaml} sets, once per container (see {@link ApiWiring}).
   */
  public HttpApiHandler() {
    this(ApiWiring.fromEnvironment(System.getenv()));
  }

  private HttpApiHandler(ApiWiring wiring) {
    this(wiring.api(), wiring.tenantClaim());
  }

  /** Creates a handler that checks the bearer API keys of {@code api} only. */
  public HttpApiHandler(SteplineApi api) {
    this(api, null);
  }

  /**
   * @param tenantClaim the JWT claim that names the tenant, or {@code null} to ignore the
   *     authorizer context and check bearer API keys only
   */
  public HttpApiHandler(SteplineApi api, String tenantClaim) {
    this.api = api;
    this.gatewayTenants = tenantClaim == null ? null : new GatewayTenants(tenantClaim);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    ApiRequest request = request(event);
    Optional<String> tenant =
        gatewayTenants == null ? Optional.empty() : gatewayTenants.tenant(event);
    ApiResponse response =
        tenant.isPresent() ? api.handleAuthenticated(tenant.get(), request) : api.handle(request);
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
