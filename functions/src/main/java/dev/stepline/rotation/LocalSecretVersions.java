package dev.stepline.rotation;

import static dev.stepline.rotation.SecretRotator.CURRENT;
import static dev.stepline.rotation.SecretRotator.PENDING;
import static dev.stepline.rotation.SecretRotator.PREVIOUS;

import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.LocalSecretStore.Version;
import dev.stepline.runtime.secrets.LocalSecretStore.Versions;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.secrets.SecretNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The versions of secrets in the local secrets file, kept with the same staging labels as Secrets
 * Manager, so that {@code stepline secrets rotate} runs the rotation Lambda's code on a laptop. The
 * value's version before the first rotation has the id {@value #INITIAL_VERSION}. A version that
 * loses its last label is dropped, as Secrets Manager drops it from the listing.
 */
public final class LocalSecretVersions implements SecretVersionStore {
  static final String INITIAL_VERSION = "initial";

  private final LocalSecretStore store;

  public LocalSecretVersions(LocalSecretStore store) {
    this.store = store;
  }

  @Override
  public RotatingSecret describe(String name) {
    Versions versions = read(name);
    Map<String, List<String>> stages = new LinkedHashMap<>();
    stages.put(currentId(versions), List.of(CURRENT));
    versions.others().forEach(other -> stages.put(other.id(), other.stages()));
    Map<String, String> tags = store.describe(name).map(SecretMetadata::metadata).orElse(Map.of());
    return new RotatingSecret(name, name, true, stages, tags);
  }

  @Override
  public Optional<String> value(String name, String versionId, String stage) {
    Versions versions = read(name);
    if ((versionId == null || versionId.equals(currentId(versions)))
        && (stage == null || stage.equals(CURRENT))) {
      return Optional.of(versions.value());
    }
    return versions.others().stream()
        .filter(other -> versionId == null || other.id().equals(versionId))
        .filter(other -> stage == null || other.stages().contains(stage))
        .map(Version::value)
        .findFirst();
  }

  @Override
  public void putPending(String name, String token, String value) {
    Versions versions = read(name);
    Optional<Version> existing =
        versions.others().stream().filter(other -> other.id().equals(token)).findFirst();
    if (existing.isPresent() || token.equals(currentId(versions))) {
      String stored = existing.map(Version::value).orElse(versions.value());
      if (!stored.equals(value)) {
        // As Secrets Manager's ResourceExistsException: a version's value never changes.
        throw new RotationException(
            "version " + token + " of secret " + name + " already has another value");
      }
      return;
    }
    List<Version> others = withoutStage(versions.others(), PENDING);
    others.add(new Version(token, value, List.of(PENDING)));
    store.writeVersions(name, new Versions(versions.currentVersion(), versions.value(), others));
  }

  @Override
  public void makeCurrent(String name, String token, String currentVersion) {
    Versions versions = read(name);
    if (!Objects.equals(currentVersion, currentId(versions))) {
      throw new RotationException(
          "version " + currentVersion + " of secret " + name + " is not AWSCURRENT");
    }
    Version next =
        versions.others().stream()
            .filter(other -> other.id().equals(token))
            .findFirst()
            .orElseThrow(
                () ->
                    new RotationException(
                        "version "
                            + token
                            + " of secret "
                            + name
                            + " not found; start a new rotation"));
    List<Version> others = withoutStage(versions.others(), PREVIOUS);
    others.removeIf(other -> other.id().equals(token));
    others.add(new Version(currentVersion, versions.value(), List.of(PREVIOUS)));
    store.writeVersions(name, new Versions(token, next.value(), others));
  }

  private Versions read(String name) {
    return store.versions(name).orElseThrow(() -> new SecretNotFoundException(name));
  }

  private static String currentId(Versions versions) {
    return versions.currentVersion() == null ? INITIAL_VERSION : versions.currentVersion();
  }

  /** Returns the versions with {@code stage} removed, dropping those left without labels. */
  private static List<Version> withoutStage(List<Version> versions, String stage) {
    List<Version> kept = new ArrayList<>();
    for (Version version : versions) {
      List<String> stages = new ArrayList<>(version.stages());
      stages.remove(stage);
      if (!stages.isEmpty()) {
        kept.add(new Version(version.id(), version.value(), stages));
      }
    }
    return kept;
  }
}
