package dev.stepline.runtime.secrets;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where secret values and their metadata live. Values are text; a value that is a JSON object is
 * exposed to expressions as a mapping ({@code secrets.db.password}).
 *
 * <p>Every method checks the name with {@link SecretNames#check} first. No exception a store throws
 * contains a secret value.
 */
public interface SecretStore {

  /** Returns the value of a secret, or empty when there is none with that name. */
  Optional<String> find(String name);

  /**
   * Returns the value of a secret.
   *
   * @throws SecretNotFoundException when there is none with that name
   */
  default String get(String name) {
    return find(name).orElseThrow(() -> new SecretNotFoundException(name));
  }

  /**
   * Reads a secret again, bypassing any cache, for a caller whose request was rejected with the
   * value it read before (the secret may have been rotated since). Stores without a cache read it
   * as {@link #find} does.
   */
  default Optional<String> refresh(String name) {
    return find(name);
  }

  /** Returns the metadata of a secret, never its value. */
  Optional<SecretMetadata> describe(String name);

  /** Returns the metadata of every secret, sorted by name. */
  List<SecretMetadata> list();

  /**
   * Creates a secret.
   *
   * @throws SecretConflictException when a secret with that name exists
   */
  SecretMetadata create(
      String name, String value, String description, Map<String, String> metadata);

  /**
   * Changes a secret: each non-null field of {@code update} replaces the stored one, and {@code
   * newName} renames it.
   *
   * @throws SecretNotFoundException when there is none with that name
   * @throws SecretConflictException when {@code newName} is taken
   */
  SecretMetadata update(String name, SecretUpdate update);

  /**
   * Deletes a secret; its name can be created again at once.
   *
   * @throws SecretNotFoundException when there is none with that name
   */
  void delete(String name);

  /**
   * A change to a secret; {@code null} fields stay as they are.
   *
   * @param value the new value
   * @param description the new description
   * @param metadata the new metadata, replacing the old
   * @param newName the new name
   */
  record SecretUpdate(
      String value, String description, Map<String, String> metadata, String newName) {}
}
