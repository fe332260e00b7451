package dev.stepline.runtime.secrets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Secrets for the embedded engine: a JSON or YAML file (given with {@code --secrets FILE}) and
 * environment variables named {@code STEPLINE_SECRET_<NAME>}.
 *
 * <p>The file is a mapping from secret name to either the value as a string, or an object with
 * {@code value} (a string, or an object for a structured secret), and optional {@code description},
 * {@code metadata} (string pairs), {@code created_at} and {@code updated_at} (ISO-8601). A file
 * whose name ends in {@code .yaml} or {@code .yml} is read as YAML, any other as JSON; writes keep
 * the format. An environment variable wins over a file entry of the same name, and is read-only.
 *
 * <p>A rotated secret also has {@code version}, the id of the value's version, and {@code
 * versions}, the other versions a rotation keeps (a mapping from id to {@code value} and {@code
 * stages}, such as the pending and the previous value). Changing the value by hand drops both.
 */
public final class LocalSecretStore implements SecretStore {

  /** The prefix of environment variables that hold secrets: {@code STEPLINE_SECRET_<NAME>}. */
  public static final String ENV_PREFIX = "STEPLINE_SECRET_";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final String DUPLICATE_HINT = "; keep one entry per secret name";

  private final Path file;
  private final Map<String, String> environment;

  /**
   * @param file the secrets file, or {@code null} for environment variables only; a missing file
   *     reads as empty and is created on the first write
   * @param environment the environment variables, usually {@link System#getenv()}
   */
  public LocalSecretStore(Path file, Map<String, String> environment) {
    this.file = file;
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Optional<String> find(String name) {
    SecretNames.check(name);
    String fromEnvironment = environment.get(ENV_PREFIX + name);
    if (fromEnvironment != null) {
      return Optional.of(fromEnvironment);
    }
    return Optional.ofNullable(readFile().get(name)).map(Entry::value);
  }

  @Override
  public Optional<SecretMetadata> describe(String name) {
    SecretNames.check(name);
    if (environment.containsKey(ENV_PREFIX + name)) {
      return Optional.of(environmentMetadata(name));
    }
    return Optional.ofNullable(readFile().get(name)).map(entry -> entry.metadata(name));
  }

  @Override
  public List<SecretMetadata> list() {
    Map<String, SecretMetadata> byName = new TreeMap<>();
    readFile().forEach((name, entry) -> byName.put(name, entry.metadata(name)));
    for (String variable : environment.keySet()) {
      String name = variable.substring(Math.min(variable.length(), ENV_PREFIX.length()));
      if (variable.startsWith(ENV_PREFIX) && SecretNames.isValid(name)) {
        byName.put(name, environmentMetadata(name));
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * A secret's value together with the versions a rotation keeps beside it.
   *
   * @param currentVersion the id of the value's version, or null before the first rotation
   * @param value the current value
   * @param others the other versions, such as the pending and the previous value
   */
  public record Versions(String currentVersion, String value, List<Version> others) {
    public Versions {
      others = List.copyOf(others);
    }
  }

  /** A version other than the current one, with its labels, such as {@code AWSPREVIOUS}. */
  public record Version(String id, String value, List<String> stages) {
    public Version {
      stages = List.copyOf(stages);
    }
  }

  /** Returns a secret's value and versions, or empty when there is none with that name. */
  public Optional<Versions> versions(String name) {
    SecretNames.check(name);
    String fromEnvironment = environment.get(ENV_PREFIX + name);
    if (fromEnvironment != null) {
      return Optional.of(new Versions(null, fromEnvironment, List.of()));
    }
    return Optional.ofNullable(readFile().get(name))
        .map(entry -> new Versions(entry.version(), entry.value(), entry.others()));
  }

  /**
   * Replaces a secret's value and versions in one write.
   *
   * @throws SecretNotFoundException when there is none with that name
   */
  public synchronized void writeVersions(String name, Versions versions) {
    SecretNames.check(name);
    checkWritable(name);
    Map<String, Entry> entries = readFile();
    Entry current = entries.get(name);
    if (current == null) {
      throw new SecretNotFoundException(name);
    }
    entries.put(
        name,
        new Entry(
            versions.value(),
            current.description(),
            current.metadata(),
            current.createdAt(),
            versions.value().equals(current.value()) ? current.updatedAt() : Instant.now(),
            versions.currentVersion(),
            versions.others()));
    writeFile(entries);
  }

  @Override
  public synchronized SecretMetadata create(
      String name, String value, String description, Map<String, String> metadata) {
    SecretNames.check(name);
    Map<String, Entry> entries = readFile();
    if (entries.containsKey(name) || environment.containsKey(ENV_PREFIX + name)) {
      throw new SecretConflictException(name);
    }
    Instant now = Instant.now();
    Entry entry = new Entry(value, description, metadata, now, now, null, List.of());
    entries.put(name, entry);
    writeFile(entries);
    return entry.metadata(name);
  }

  @Override
  public synchronized SecretMetadata update(String name, SecretUpdate update) {
    SecretNames.check(name);
    checkWritable(name);
    Map<String, Entry> entries = readFile();
    Entry current = entries.get(name);
    if (current == null) {
      throw new SecretNotFoundException(name);
    }
    String targetName = update.newName() == null ? name : SecretNames.check(update.newName());
    if (!targetName.equals(name)
        && (entries.containsKey(targetName) || environment.containsKey(ENV_PREFIX + targetName))) {
      throw new SecretConflictException(targetName);
    }
    boolean keepsValue = update.value() == null;
    Entry changed =
        new Entry(
            keepsValue ? current.value() : update.value(),
            update.description() == null ? current.description() : update.description(),
            update.metadata() == null ? current.metadata() : update.metadata(),
            current.createdAt(),
            Instant.now(),
            keepsValue ? current.version() : null,
            keepsValue ? current.others() : List.of());
    entries.remove(name);
    entries.put(targetName, changed);
    writeFile(entries);
    return changed.metadata(targetName);
  }

  @Override
  public synchronized void delete(String name) {
    SecretNames.check(name);
    checkWritable(name);
    Map<String, Entry> entries = readFile();
    if (entries.remove(name) == null) {
      throw new SecretNotFoundException(name);
    }
    writeFile(entries);
  }

  /**
   * Reads the secrets file and checks every entry, so that a run can reject an invalid file before
   * its first step.
   *
   * @throws SecretException of type {@code ValueError} naming the file, the line when known, and
   *     the rule the file breaks, never a value. A named file that does not exist fails too,
   *     because a mistyped path would otherwise fail later as "secret not found".
   */
  public void check() {
    if (file != null && !Files.exists(file)) {
      throw invalidFile(
          "the file does not exist; check the path, or create it with `stepline secrets create`");
    }
    readFile();
  }

  private void checkWritable(String name) {
    if (environment.containsKey(ENV_PREFIX + name)) {
      throw new SecretException(
          "PermissionError",
          "secret "
              + name
              + " comes from the environment variable "
              + ENV_PREFIX
              + name
              + "; change or unset the variable instead");
    }
  }

  private SecretMetadata environmentMetadata(String name) {
    return new SecretMetadata(name, null, Map.of(), "environment", null, null);
  }

  private Map<String, Entry> readFile() {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (file == null || !Files.exists(file)) {
      return entries;
    }
    Object root = parse(file);
    if (root == null) {
      return entries;
    }
    if (!(root instanceof Map<?, ?> mapping)) {
      throw invalidFile("the top level must be a mapping from secret name to value");
    }
    for (Map.Entry<?, ?> item : mapping.entrySet()) {
      String name = String.valueOf(item.getKey());
      if (!SecretNames.isValid(name)) {
        throw invalidFile(lineOf(name) + new InvalidSecretNameException(name).getMessage());
      }
      try {
        entries.put(name, Entry.from(name, item.getValue()));
      } catch (InvalidEntryException e) {
        throw invalidFile(lineOf(name) + e.getMessage());
      } catch (DateTimeParseException e) {
        throw invalidFile(
            lineOf(name)
                + "the dates of secret "
                + name
                + " must be ISO-8601, such as 2026-01-31T12:00:00Z");
      }
    }
    return entries;
  }

  /** Returns {@code "line N: "} for the entry of secret {@code name}, or nothing when unknown. */
  private String lineOf(String name) {
    try {
      String text = Files.readString(file);
      int line = isYaml(file) ? yamlLineOf(text, name) : jsonLineOf(text, name);
      return line > 0 ? "line " + line + ": " : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static int yamlLineOf(String text, String name) {
    if (!(new Yaml().compose(new StringReader(text)) instanceof MappingNode mapping)) {
      return 0;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
        return key.getStartMark().getLine() + 1;
      }
    }
    return 0;
  }

  private static int jsonLineOf(String text, String name) throws IOException {
    try (JsonParser parser = JSON.getFactory().createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME
            && parser.getParsingContext().getParent().inRoot()
            && parser.currentName().equals(name)) {
          return parser.currentTokenLocation().getLineNr();
        }
      }
    }
    return 0;
  }

  private Object parse(Path path) {
    try {
      String text = Files.readString(path);
      if (isYaml(path)) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options)).load(text);
      }
      return JSON.readValue(text, Object.class);
    } catch (StreamConstraintsException e) {
      throw invalidFile("not valid JSON: nested more than 1000 levels deep, or a value too long");
    } catch (JsonProcessingException e) {
      if (e.getOriginalMessage().startsWith("Duplicate field")) {
        // A second entry of one name is a conflict, not a silent override; the key is no secret.
        throw invalidFile(
            e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + DUPLICATE_HINT);
      }
      // Jackson's message quotes the offending text, which may be a secret value.
      throw invalidFile(
          "not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (DuplicateKeyException e) {
      throw invalidFile(
          e.getProblem() + " at line " + (e.getProblemMark().getLine() + 1) + DUPLICATE_HINT);
    } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
      // Only the position: SnakeYAML's problem text may quote the file, which holds secret values.
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw invalidFile(
          mark == null
              ? "not valid YAML"
              : "not valid YAML at line "
                  + (mark.getLine() + 1)
                  + ", column "
                  + (mark.getColumn() + 1));
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw invalidFile("not valid YAML");
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read the secrets file " + path, e);
    }
  }

  private void writeFile(Map<String, Entry> entries) {
    if (file == null) {
      throw new SecretException(
          "PermissionError",
          "no secrets file is configured; pass --secrets FILE to create or change secrets");
    }
    Map<String, Object> document = new LinkedHashMap<>();
    entries.forEach((name, entry) -> document.put(name, entry.toDocument()));
    try {
      String text =
          isYaml(file) ? new Yaml().dumpAsMap(document) : JSON.writeValueAsString(document) + "\n";
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, ".secrets", ".tmp");
      Files.writeString(temporary, text);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to write the secrets file " + file, e);
    }
  }

  private static boolean isYaml(Path path) {
    String name = path.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  private SecretException invalidFile(String reason) {
    return new SecretException("ValueError", file + ": error: invalid secrets file: " + reason);
  }

  /** Exception for an entry of the file that breaks a rule; the message is the rule. */
  private static final class InvalidEntryException extends RuntimeException {
    InvalidEntryException(String rule) {
      super(rule);
    }
  }

  /** One secret of the file. */
  private record Entry(
      String value,
      String description,
      Map<String, String> metadata,
      Instant createdAt,
      Instant updatedAt,
      String version,
      List<Version> others) {

    Entry {
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
      others = List.copyOf(others);
    }

    static Entry from(String name, Object raw) {
      if (raw instanceof String text) {
        return new Entry(text, null, Map.of(), null, null, null, List.of());
      }
      if (!(raw instanceof Map<?, ?> fields) || !fields.containsKey("value")) {
        throw new InvalidEntryException(
            "secret "
                + name
                + " must be a string or an object with a value field; see docs/runtime.md");
      }
      return new Entry(
          valueText(fields.get("value"), name),
          fields.get("description") == null ? null : String.valueOf(fields.get("description")),
          stringPairs(fields.get("metadata")),
          instant(fields.get("created_at")),
          instant(fields.get("updated_at")),
          fields.get("version") == null ? null : String.valueOf(fields.get("version")),
          versions(fields.get("versions"), name));
    }

    private static List<Version> versions(Object raw, String name) {
      if (raw == null) {
        return List.of();
      }
      if (!(raw instanceof Map<?, ?> byId)) {
        throw new InvalidEntryException(
            "the versions of secret " + name + " must be a mapping from version id to version");
      }
      List<Version> versions = new ArrayList<>();
      for (Map.Entry<?, ?> item : byId.entrySet()) {
        if (!(item.getValue() instanceof Map<?, ?> fields)
            || !(fields.get("stages") instanceof List<?> stages)) {
          throw new InvalidEntryException(
              "version " + item.getKey() + " of secret " + name + " needs a value and stages");
        }
        versions.add(
            new Version(
                String.valueOf(item.getKey()),
                valueText(fields.get("value"), name),
                stages.stream().map(String::valueOf).toList()));
      }
      return versions;
    }

    private static String valueText(Object value, String name) {
      if (value instanceof String text) {
        return text;
      }
      if (value instanceof Map<?, ?>) {
        try {
          return JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
          throw new InvalidEntryException(
              "the value of secret " + name + " cannot be written as JSON");
        }
      }
      throw new InvalidEntryException(
          "the value of secret " + name + " must be a string or an object");
    }

    private static Map<String, String> stringPairs(Object raw) {
      Map<String, String> pairs = new LinkedHashMap<>();
      if (raw instanceof Map<?, ?> map) {
        map.forEach((key, value) -> pairs.put(String.valueOf(key), String.valueOf(value)));
      }
      return pairs;
    }

    private static Instant instant(Object raw) {
      if (raw == null) {
        return null;
      }
      if (raw instanceof java.util.Date date) {
        return date.toInstant();
      }
      return Instant.parse(String.valueOf(raw));
    }

    SecretMetadata metadata(String name) {
      return new SecretMetadata(name, description, metadata, "file", createdAt, updatedAt);
    }

    Map<String, Object> toDocument() {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("value", value);
      if (description != null) {
        document.put("description", description);
      }
      if (!metadata.isEmpty()) {
        document.put("metadata", new TreeMap<>(metadata));
      }
      if (createdAt != null) {
        document.put("created_at", createdAt.toString());
      }
      if (updatedAt != null) {
        document.put("updated_at", updatedAt.toString());
      }
      if (version != null) {
        document.put("version", version);
      }
      if (!others.isEmpty()) {
        Map<String, Object> byId = new LinkedHashMap<>();
        for (Version other : others) {
          Map<String, Object> fields = new LinkedHashMap<>();
          fields.put("value", other.value());
          fields.put("stages", other.stages());
          byId.put(other.id(), fields);
        }
        document.put("versions", byId);
      }
      return document;
    }
  }
}
