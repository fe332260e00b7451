package dev.stepline.api;

import dev.stepline.compile.CompiledFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The tasks compiled into {@code template.yaml} at deploy time. The build packs their YAML files
 * into the functions' jar under {@value #RESOURCE_FOLDER}/ (the examples as {@code NAME/task.yaml},
 * the corpus tasks as {@code NAME.yaml}), and the template names the main state machine of task
 * NAME {@code <NamePrefix>-<machine name suffix>} ({@link #machineNameSuffix}). The API shows them
 * as read-only tasks of one built-in agent in every tenant.
 */
public final class BundledTasks {
  /** The folder of the task files in the jar. */
  public static final String RESOURCE_FOLDER = "bundled-tasks";

  /** The id of the built-in agent that owns the bundled tasks, the same in every deployment. */
  public static final String AGENT_ID = stableId("agent");

  /** State machine names are at most 80 characters: 20 for the prefix, 1 for '-', 59 for this. */
  private static final int MAX_NAME_SUFFIX_LENGTH = 59;

  private final Map<String, String> texts;

  /**
   * @param texts the text of each task by its name (the example's folder or the file's stem)
   */
  public BundledTasks(Map<String, String> texts) {
    this.texts = Map.copyOf(texts);
  }

  /** Returns the tasks packed into this jar, or none when the jar has no task files. */
  public static BundledTasks fromClasspath() {
    URL folder = BundledTasks.class.getClassLoader().getResource(RESOURCE_FOLDER);
    if (folder == null) {
      return new BundledTasks(Map.of());
    }
    try {
      URI uri = folder.toURI();
      if (!uri.getScheme().equals("jar")) {
        return new BundledTasks(read(Path.of(uri)));
      }
      // NOTE: only the unpacked jar (Lambda, tests) is tested; this branch serves a jar on the
      // class path.
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return new BundledTasks(read(jar.getPath(RESOURCE_FOLDER)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to read the bundled tasks at " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("invalid resource URL " + folder, e);
    }
  }

  private static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder, 2)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        texts.put(CompiledFiles.taskName(file), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  /** Returns the task names, sorted. */
  public List<String> names() {
    return texts.keySet().stream().sorted().toList();
  }

  /** Returns the text of each task by name. */
  public Map<String, String> texts() {
    return texts;
  }

  /** Returns the API id of the named task, the same in every deployment and tenant. */
  public static String taskId(String name) {
    return stableId("task:" + name);
  }

  /**
   * Returns the name of a bundled machine after its {@code <NamePrefix>-} part: the file stem with
   * {@code .} as {@code -}, cut to 59 characters with a hash of the stem at the end when longer.
   *
   * @param stem the definition's file name without {@code .asl.json}, such as {@code quickstart}
   */
  public static String machineNameSuffix(String stem) {
    String name = stem.replace('.', '-');
    if (name.length() <= MAX_NAME_SUFFIX_LENGTH) {
      return name;
    }
    return name.substring(0, MAX_NAME_SUFFIX_LENGTH - 9) + "-" + sha256Hex(stem, 4);
  }

  /** Returns the first {@code bytes} bytes of the SHA-256 of the text, in hex. */
  public static String sha256Hex(String text, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String stableId(String key) {
    return UUID.nameUUIDFromBytes(("stepline bundled " + key).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
