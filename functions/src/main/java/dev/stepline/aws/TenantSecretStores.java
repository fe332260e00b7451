package dev.stepline.aws;

import dev.stepline.runtime.secrets.SecretStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secret store of each API tenant: ids {@code <prefix>tenants/<tenant>/<name>}. The API creates
 * a tenant's secrets here, and the step handlers read them here for the executions that tenant
 * started. Every tenant's prefix ends in {@code /}, no tenant segment contains one and no secret
 * name contains one, so no tenant's ids start another's: a list never shows another tenant's
 * secrets and no name, {@code secrets[expr]} included, reaches them.
 */
public final class TenantSecretStores implements Function<String, SecretStore> {
  /** Tenant names used as they are in secret ids; others are encoded. */
  private static final Pattern PLAIN_TENANT = Pattern.compile("[A-Za-z0-9.@-]{1,64}");

  private final SecretsManagerClient client;
  private final String prefix;
  private final Duration cacheTtl;
  private final Map<String, SecretStore> stores = new ConcurrentHashMap<>();

  /**
   * @param prefix the prefix of every Stepline secret id, such as {@code stepline/}
   * @param cacheTtl how long each tenant's store serves a value from its cache
   */
  public TenantSecretStores(SecretsManagerClient client, String prefix, Duration cacheTtl) {
    this.client = client;
    this.prefix = prefix;
    this.cacheTtl = cacheTtl;
  }

  /** Returns the tenant's store, one per tenant, so its cache outlives one request. */
  @Override
  public SecretStore apply(String tenant) {
    return stores.computeIfAbsent(
        tenant,
        t ->
            new SecretsManagerSecretStore(
                client, prefix + "tenants/" + tenantSegment(t) + "/", cacheTtl));
  }

  /**
   * Returns the tenant as one segment of a secret id. A plain name stays as it is. Any other name
   * becomes {@code _} and its URL-safe Base64 form; plain names contain no {@code _}, so two
   * tenants never share a segment.
   */
  static String tenantSegment(String tenant) {
    if (PLAIN_TENANT.matcher(tenant).matches()) {
      return tenant;
    }
    return "_"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(tenant.getBytes(StandardCharsets.UTF_8));
  }
}
