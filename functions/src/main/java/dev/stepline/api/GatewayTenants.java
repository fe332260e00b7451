package dev.stepline.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the tenant of a caller that API Gateway has authenticated, from the authorizer context of
 * an HTTP API event. For an IAM (SigV4) caller it is the AWS account id, so every principal of one
 * account shares a tenant. For a JWT it is one claim of the token.
 */
final class GatewayTenants {
  private final String jwtClaim;

  /**
   * @param jwtClaim the JWT claim that names the tenant, such as {@code sub}
   */
  GatewayTenants(String jwtClaim) {
    this.jwtClaim = jwtClaim;
  }

  /** Returns the tenant, or empty when the event carries no authorizer context. */
  Optional<String> tenant(APIGatewayV2HTTPEvent event) {
    Authorizer authorizer =
        event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
    if (authorizer == null) {
      return Optional.empty();
    }
    if (authorizer.getIam() != null) {
      return nonBlank(authorizer.getIam().getAccountId());
    }
    if (authorizer.getJwt() != null) {
      Map<String, String> claims = authorizer.getJwt().getClaims();
      return claims == null ? Optional.empty() : nonBlank(claims.get(jwtClaim));
    }
    return Optional.empty();
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
