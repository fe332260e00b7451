package dev.stepline.runtime.secrets;

import java.time.Instant;
import java.util.Map;

/**
 * What may be shown about a secret: everything except its value.
 *
 * @param name the secret's name
 * @param description the description, or {@code null}
 * @param metadata free-form string pairs
 * @param source where the value comes from, such as {@code file} or {@code environment}
 * @param createdAt when it was created, or {@code null} when the backend does not know
 * @param updatedAt when it last changed, or {@code null} when the backend does not know
 */
public record SecretMetadata(
    String name,
    String description,
    Map<String, String> metadata,
    String source,
    Instant createdAt,
    Instant updatedAt) {
  public SecretMetadata {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
