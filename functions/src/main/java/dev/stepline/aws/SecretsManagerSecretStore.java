package dev.stepline.aws;

import dev.stepline.runtime.secrets.SecretConflictException;
import dev.stepline.runtime.secrets.SecretException;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.secrets.SecretNames;
import dev.stepline.runtime.secrets.SecretNotFoundException;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.spi.ToolException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Secrets in AWS Secrets Manager, each under the id {@code <prefix><name>} (for example {@code
 * stepline/prod/WEATHER_KEY}), with values cached in the container for a time to live.
 *
 * <p>Secrets Manager cannot rename a secret, and a name deleted with a recovery window stays
 * reserved until the window ends. So {@link #delete} deletes without recovery, which frees the name
 * at once, and a rename creates the secret under the new name (value, description and tags) and
 * then deletes the old one. The rotation flow (create a temporary secret, test it, delete the old
 * one, rename the temporary one to the old name) therefore works with these operations only.
 *
 * <p>Thread-safe: one instance serves every invocation of a Lambda container.
 */
public final class SecretsManagerSecretStore implements SecretStore {
  /** How long a value read from Secrets Manager is served from the cache, unless configured. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerSecretStore.class);
  private static final String SOURCE = "secretsmanager";

  /** Tries of a create that finds its name still being deleted, and the pause between them. */
  private static final int MAX_CREATE_ATTEMPTS = 6;

  private static final Duration CREATE_RETRY_PAUSE = Duration.ofSeconds(2);

  private final SecretsManagerClient client;
  private final String prefix;
  private final Duration cacheTtl;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, CachedValue> cache = new ConcurrentHashMap<>();

  /**
   * @param client the Secrets Manager client
   * @param prefix prepended to every name to form the secret id, such as {@code stepline/prod/};
   *     may be empty
   * @param cacheTtl how long a value is served from the cache; zero turns the cache off
   */
  public SecretsManagerSecretStore(SecretsManagerClient client, String prefix, Duration cacheTtl) {
    this(client, prefix, cacheTtl, Clock.systemUTC(), SecretsManagerSecretStore::sleep);
  }

  SecretsManagerSecretStore(
      SecretsManagerClient client, String prefix, Duration cacheTtl, Clock clock, Sleeper sleeper) {
    this.client = client;
    this.prefix = prefix == null ? "" : prefix;
    this.cacheTtl = cacheTtl;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Pauses between retries; tests pass one that returns at once. */
  interface Sleeper {
    void sleep(Duration pause);
  }

  /** Returns the client, for operations beyond this interface such as rotation. */
  public SecretsManagerClient client() {
    return client;
  }

  /** Returns the Secrets Manager secret id of a Stepline secret name. */
  public String secretId(String name) {
    return prefix + SecretNames.check(name);
  }

  // Resolution

  @Override
  public Optional<String> find(String name) {
    String id = secretId(name);
    CachedValue cached = cache.get(name);
    if (cached != null && clock.instant().isBefore(cached.expiresAt())) {
      return Optional.of(cached.value());
    }
    Optional<String> value = fetch(name, id);
    value.ifPresentOrElse(
        text -> cache.put(name, new CachedValue(text, clock.instant().plus(cacheTtl))),
        () -> cache.remove(name));
    return value;
  }

  /**
   * Drops the cached value of a secret and reads it from Secrets Manager again, for a caller whose
   * request was rejected with the cached value (the secret may have been rotated since).
   */
  @Override
  public Optional<String> refresh(String name) {
    SecretNames.check(name);
    cache.remove(name);
    return find(name);
  }

  /**
   * Runs {@code call} with the value of a secret. When it fails with a {@code AuthenticationError}
   * tool error and Secrets Manager now holds a different value (the secret was rotated after it was
   * cached), runs it once more with the new value; otherwise the error propagates.
   */
  public <T> T withRefreshOnAuthenticationError(String name, Function<String, T> call) {
    String value = get(name);
    try {
      return call.apply(value);
    } catch (ToolException e) {
      if (!"AuthenticationError".equals(e.type())) {
        throw e;
      }
      Optional<String> fresh = refresh(name);
      if (fresh.isEmpty() || fresh.get().equals(value)) {
        throw e;
      }
      LOG.info("secret {} changed after an AuthenticationError; retrying once", name);
      return call.apply(fresh.get());
    }
  }

  private Optional<String> fetch(String name, String id) {
    try {
      // AWSCURRENT is the default on AWS. moto 5.2.1 instead returns the version that was current
      // before the last UpdateSecretVersionStage, so a rotated secret would read its old value.
      GetSecretValueResponse response =
          client.getSecretValue(request -> request.secretId(id).versionStage("AWSCURRENT"));
      if (response.secretString() == null) {
        throw new SecretException(
            "ValueError",
            "secret "
                + name
                + " contains binary data; Stepline reads secrets stored as text (SecretString)");
      }
      return Optional.of(response.secretString());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (InvalidRequestException e) {
      if (isDeleted(id)) {
        return Optional.empty();
      }
      throw failed("read", name, e);
    } catch (SecretsManagerException e) {
      throw failed("read", name, e);
    }
  }

  // Management

  @Override
  public Optional<SecretMetadata> describe(String name) {
    String id = secretId(name);
    return describeSecret(name, id)
        .filter(secret -> secret.deletedDate() == null)
        .map(
            secret ->
                metadata(
                    name,
                    secret.description(),
                    secret.tags(),
                    secret.createdDate(),
                    secret.lastChangedDate()));
  }

  @Override
  public List<SecretMetadata> list() {
    List<SecretMetadata> secrets = new ArrayList<>();
    try {
      // The name filter matches ids that start with the prefix; ids below it that are no valid
      // name (nested paths, other tools' secrets) are skipped.
      client
          .listSecretsPaginator(
              request ->
                  request.filters(filter -> filter.key(FilterNameStringType.NAME).values(prefix)))
          .stream()
          .flatMap(page -> page.secretList().stream())
          .forEach(entry -> addIfOwned(secrets, entry));
    } catch (SecretsManagerException e) {
      throw failed("list", "names under prefix '" + prefix + "'", e);
    }
    secrets.sort(Comparator.comparing(SecretMetadata::name));
    return List.copyOf(secrets);
  }

  private void addIfOwned(List<SecretMetadata> secrets, SecretListEntry entry) {
    String name = nameOf(entry.name());
    if (name != null && entry.deletedDate() == null) {
      secrets.add(
          metadata(
              name,
              entry.description(),
              entry.tags(),
              entry.createdDate(),
              entry.lastChangedDate()));
    }
  }

  @Override
  public SecretMetadata create(
      String name, String value, String description, Map<String, String> metadata) {
    String id = secretId(name);
    for (int attempt = 1; ; attempt++) {
      try {
        client.createSecret(
            request ->
                request.name(id).secretString(value).description(description).tags(tags(metadata)));
        cache.remove(name);
        return describe(name).orElseThrow(() -> new SecretNotFoundException(name));
      } catch (ResourceExistsException | InvalidRequestException e) {
        if (!isDeleted(id)) {
          if (e instanceof ResourceExistsException) {
            throw new SecretConflictException(name);
          }
          throw failed("create", name, e);
        }
        // A deletion without recovery frees the name after a few seconds, so wait for it; a
        // deletion with a recovery window keeps it reserved, and the loop ends with advice.
        if (attempt == MAX_CREATE_ATTEMPTS) {
          throw scheduledForDeletion(name, id);
        }
        sleeper.sleep(CREATE_RETRY_PAUSE);
      } catch (SecretsManagerException e) {
        throw failed("create", name, e);
      }
    }
  }

  @Override
  public SecretMetadata update(String name, SecretUpdate update) {
    SecretMetadata current = describe(name).orElseThrow(() -> new SecretNotFoundException(name));
    if (update.newName() != null && !update.newName().equals(name)) {
      return rename(current, update);
    }
    String id = secretId(name);
    try {
      if (update.value() != null) {
        client.putSecretValue(request -> request.secretId(id).secretString(update.value()));
      }
      if (update.description() != null) {
        client.updateSecret(request -> request.secretId(id).description(update.description()));
      }
      if (update.metadata() != null) {
        replaceTags(id, current.metadata(), update.metadata());
      }
    } catch (SecretsManagerException e) {
      throw failed("update", name, e);
    } finally {
      cache.remove(name);
    }
    return describe(name).orElseThrow(() -> new SecretNotFoundException(name));
  }

  /**
   * Renames a secret: creates it under the new name with the old fields changed by {@code update},
   * then deletes the old one, because Secrets Manager has no rename.
   */
  private SecretMetadata rename(SecretMetadata current, SecretUpdate update) {
    String name = current.name();
    String newName = SecretNames.check(update.newName());
    String value = update.value() != null ? update.value() : get(name);
    SecretMetadata renamed =
        create(
            newName,
            value,
            update.description() != null ? update.description() : current.description(),
            update.metadata() != null ? update.metadata() : current.metadata());
    try {
      delete(name);
    } catch (SecretException e) {
      throw new SecretException(
          e.type(),
          "created secret "
              + newName
              + " but failed to delete "
              + name
              + " ("
              + e.getMessage()
              + "); delete "
              + name
              + " to finish the rename",
          e);
    }
    return renamed;
  }

  @Override
  public void delete(String name) {
    String id = secretId(name);
    if (describe(name).isEmpty()) {
      throw new SecretNotFoundException(name);
    }
    try {
      client.deleteSecret(request -> request.secretId(id).forceDeleteWithoutRecovery(true));
    } catch (ResourceNotFoundException e) {
      throw new SecretNotFoundException(name);
    } catch (SecretsManagerException e) {
      throw failed("delete", name, e);
    } finally {
      cache.remove(name);
    }
  }

  private void replaceTags(String id, Map<String, String> old, Map<String, String> next) {
    List<String> removed = old.keySet().stream().filter(key -> !next.containsKey(key)).toList();
    if (!removed.isEmpty()) {
      client.untagResource(request -> request.secretId(id).tagKeys(removed));
    }
    if (!next.isEmpty()) {
      client.tagResource(request -> request.secretId(id).tags(tags(next)));
    }
  }

  // Helpers

  private Optional<DescribeSecretResponse> describeSecret(String name, String id) {
    try {
      return Optional.of(client.describeSecret(request -> request.secretId(id)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SecretsManagerException e) {
      throw failed("describe", name, e);
    }
  }

  /** Returns true when the secret exists but is scheduled for deletion. */
  private boolean isDeleted(String id) {
    try {
      return client.describeSecret(request -> request.secretId(id)).deletedDate() != null;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  /** Returns the Stepline name of a secret id under the prefix, or {@code null} for other ids. */
  private String nameOf(String secretId) {
    if (!secretId.startsWith(prefix)) {
      return null;
    }
    String name = secretId.substring(prefix.length());
    return SecretNames.isValid(name) ? name : null;
  }

  private static SecretMetadata metadata(
      String name, String description, List<Tag> tags, Instant createdAt, Instant updatedAt) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Tag tag : tags) {
      // Keys starting with aws: are reserved for tags that AWS itself adds.
      if (!tag.key().startsWith("aws:")) {
        metadata.put(tag.key(), tag.value());
      }
    }
    return new SecretMetadata(name, description, metadata, SOURCE, createdAt, updatedAt);
  }

  private static List<Tag> tags(Map<String, String> metadata) {
    if (metadata == null) {
      return List.of();
    }
    return metadata.entrySet().stream()
        .map(entry -> Tag.builder().key(entry.getKey()).value(entry.getValue()).build())
        .toList();
  }

  private SecretException scheduledForDeletion(String name, String id) {
    return new SecretException(
        "ConflictError",
        "secret "
            + name
            + " is scheduled for deletion in Secrets Manager, which keeps its name reserved; restore"
            + " it with 'aws secretsmanager restore-secret --secret-id "
            + id
            + "', or free the name with 'aws secretsmanager delete-secret --secret-id "
            + id
            + " --force-delete-without-recovery'");
  }

  /**
   * Wraps an SDK failure. The message is the service's error message, which names the secret id but
   * never its value.
   */
  private static SecretException failed(String operation, String name, SecretsManagerException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String reason =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    String type = "AccessDeniedException".equals(code) ? "PermissionError" : "ConnectionError";
    return new SecretException(
        type, "Failed to " + operation + " secret " + name + " in Secrets Manager: " + reason, e);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretException("ConnectionError", "interrupted while waiting for Secrets Manager");
    }
  }

  private record CachedValue(String value, Instant expiresAt) {}
}
