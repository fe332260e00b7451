package dev.stepline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepline.aws.AwsClients;
import dev.stepline.aws.SecretsManagerSecretStore;
import dev.stepline.rotation.LocalSecretVersions;
import dev.stepline.rotation.RotationException;
import dev.stepline.rotation.RotationRunner;
import dev.stepline.rotation.RotationStrategies;
import dev.stepline.rotation.SecretVersionStore;
import dev.stepline.rotation.SecretsManagerVersions;
import dev.stepline.runtime.secrets.LocalSecretStore;
import dev.stepline.runtime.secrets.SecretException;
import dev.stepline.runtime.secrets.SecretMetadata;
import dev.stepline.runtime.secrets.SecretNotFoundException;
import dev.stepline.runtime.secrets.SecretStore;
import dev.stepline.runtime.secrets.SecretStore.SecretUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code stepline secrets}: creates, lists, shows, changes, deletes and rotates secrets in the
 * local file or in AWS Secrets Manager. No subcommand prints a value: {@code list} and {@code get}
 * show the name, description, metadata and timestamps.
 */
@Command(
    name = "secrets",
    description = "Manage secrets in a local file or in AWS Secrets Manager.",
    mixinStandardHelpOptions = true,
    subcommands = {
      SecretsCommand.Create.class,
      SecretsCommand.ListSecrets.class,
      SecretsCommand.Get.class,
      SecretsCommand.Update.class,
      SecretsCommand.Delete.class,
      SecretsCommand.Rotate.class
    })
public final class SecretsCommand implements Runnable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The backend that stores secrets. */
  public enum Backend {
    local,
    aws
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--backend",
      defaultValue = "local",
      description = "local (a file and STEPLINE_SECRET_<NAME> variables) or aws (Secrets Manager).",
      scope = CommandLine.ScopeType.INHERIT)
  Backend backend;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description = "The JSON or YAML secrets file of the local backend.",
      scope = CommandLine.ScopeType.INHERIT)
  Path secretsFile;

  @Option(
      names = "--prefix",
      paramLabel = "PREFIX",
      description =
          "The Secrets Manager id prefix of the aws backend (default: STEPLINE_SECRET_PREFIX, else"
              + " stepline/).",
      scope = CommandLine.ScopeType.INHERIT)
  String prefix;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "The AWS region of the aws backend (default: AWS_REGION, else ~/.aws/config).",
      scope = CommandLine.ScopeType.INHERIT)
  String region;

  private final Function<SecretsCommand, SecretStore> stores;

  public SecretsCommand() {
    this(SecretsCommand::defaultStore);
  }

  /**
   * Creates the command with the function that opens the chosen backend's store. Tests pass their
   * own.
   */
  SecretsCommand(Function<SecretsCommand, SecretStore> stores) {
    this.stores = stores;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing command: name one of create, list, get, update, delete, rotate.");
  }

  /** Returns the chosen backend. */
  public Backend backend() {
    return backend;
  }

  /** Returns the id prefix for the aws backend, from the option or the environment. */
  public String prefix() {
    if (prefix != null) {
      return prefix;
    }
    return System.getenv().getOrDefault("STEPLINE_SECRET_PREFIX", "stepline/");
  }

  /** Returns the process environment, with {@code AWS_REGION} from {@code --region} if given. */
  private Map<String, String> awsEnvironment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    if (region != null) {
      environment.put("AWS_REGION", region);
    }
    return environment;
  }

  private static SecretStore defaultStore(SecretsCommand command) {
    if (command.backend == Backend.aws) {
      // No cache, so that every command reads the current value in Secrets Manager.
      return new SecretsManagerSecretStore(
          new AwsClients(command.awsEnvironment()).secretsManager(),
          command.prefix(),
          Duration.ZERO);
    }
    return new LocalSecretStore(command.secretsFile, System.getenv());
  }

  private int execute(Function<SecretStore, Object> operation) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Object printed = operation.apply(stores.apply(this));
      if (printed != null) {
        out.println(JSON.writeValueAsString(printed));
      }
      out.flush();
      return 0;
    } catch (SecretException e) {
      err.println("error: " + e.type() + ": " + e.getMessage());
      err.flush();
      return 1;
    } catch (RotationException e) {
      err.println("error: RotationError: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode document(SecretMetadata metadata) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", metadata.name());
    node.put("description", metadata.description());
    ObjectNode pairs = node.putObject("metadata");
    new TreeMap<>(metadata.metadata()).forEach(pairs::put);
    node.put("source", metadata.source());
    node.put("created_at", metadata.createdAt() == null ? null : metadata.createdAt().toString());
    node.put("updated_at", metadata.updatedAt() == null ? null : metadata.updatedAt().toString());
    return node;
  }

  /** The source of a new value: the command line, or a file ({@code -} for standard input). */
  static final class ValueSource {
    @Option(
        names = "--value",
        paramLabel = "VALUE",
        description = "The value; other users of the machine may see it in the process list.")
    String value;

    @Option(
        names = "--value-file",
        paramLabel = "FILE",
        description = "Reads the value from FILE, or from standard input when FILE is -.")
    String valueFile;

    String read(InputStream standardInput) {
      if (value != null) {
        return value;
      }
      try {
        byte[] bytes =
            "-".equals(valueFile)
                ? standardInput.readAllBytes()
                : Files.readAllBytes(Path.of(valueFile));
        return stripFinalNewline(new String(bytes, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new SecretException(
            "OSError",
            "failed to read the value file " + valueFile + "; check the path and its permissions");
      }
    }

    private static String stripFinalNewline(String text) {
      if (text.endsWith("\r\n")) {
        return text.substring(0, text.length() - 2);
      }
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
  }

  /** Description and metadata options shared by create and update. */
  static final class Details {
    @Option(names = "--description", paramLabel = "TEXT", description = "The description.")
    String description;

    @Option(
        names = "--metadata",
        paramLabel = "KEY=VALUE",
        description = "A metadata pair; repeat for more. Given on update, replaces all pairs.")
    Map<String, String> metadata;

    Map<String, String> metadataOrNull() {
      return metadata == null ? null : new LinkedHashMap<>(metadata);
    }
  }

  @Command(name = "create", description = "Create a secret.", mixinStandardHelpOptions = true)
  static final class Create implements Callable<Integer> {
    @ParentCommand SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    ValueSource value;

    @CommandLine.Mixin Details details = new Details();

    @Override
    public Integer call() {
      return parent.execute(
          store -> {
            Map<String, String> metadata = details.metadataOrNull();
            return document(
                store.create(
                    name,
                    value.read(System.in),
                    details.description,
                    metadata == null ? Map.of() : metadata));
          });
    }
  }

  @Command(
      name = "list",
      description = "List secrets without their values.",
      mixinStandardHelpOptions = true)
  static final class ListSecrets implements Callable<Integer> {
    @ParentCommand SecretsCommand parent;

    @Override
    public Integer call() {
      return parent.execute(
          store -> {
            ArrayNode list = JSON.createArrayNode();
            List<SecretMetadata> secrets = store.list();
            secrets.forEach(metadata -> list.add(document(metadata)));
            return list;
          });
    }
  }

  @Command(
      name = "get",
      description = "Show a secret's name, description, metadata and timestamps, not its value.",
      mixinStandardHelpOptions = true)
  static final class Get implements Callable<Integer> {
    @ParentCommand SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Override
    public Integer call() {
      return parent.execute(
          store ->
              document(store.describe(name).orElseThrow(() -> new SecretNotFoundException(name))));
    }
  }

  @Command(
      name = "update",
      description = "Change a secret's value, description or metadata, or rename it.",
      mixinStandardHelpOptions = true)
  static final class Update implements Callable<Integer> {
    @ParentCommand SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @ArgGroup(exclusive = true)
    ValueSource value;

    @CommandLine.Mixin Details details = new Details();

    @Option(names = "--new-name", paramLabel = "NAME", description = "Renames the secret.")
    String newName;

    @Override
    public Integer call() {
      return parent.execute(
          store ->
              document(
                  store.update(
                      name,
                      new SecretUpdate(
                          value == null ? null : value.read(System.in),
                          details.description,
                          details.metadataOrNull(),
                          newName))));
    }
  }

  @Command(name = "delete", description = "Delete a secret.", mixinStandardHelpOptions = true)
  static final class Delete implements Callable<Integer> {
    @ParentCommand SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Override
    public Integer call() {
      return parent.execute(
          store -> {
            store.delete(name);
            ObjectNode deleted = JSON.createObjectNode();
            deleted.put("deleted", name);
            return deleted;
          });
    }
  }

  @Command(
      name = "rotate",
      description =
          "Rotate a secret in process with the strategy its metadata names (docs/rotation.md),"
              + " or finish a rotation that stopped part way.",
      mixinStandardHelpOptions = true)
  static final class Rotate implements Callable<Integer> {
    @ParentCommand SecretsCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Override
    public Integer call() {
      return parent.execute(
          store -> {
            store.describe(name).orElseThrow(() -> new SecretNotFoundException(name));
            RotationRunner.Rotation rotation = rotate(store);
            ObjectNode rotated = JSON.createObjectNode();
            rotated.put("rotated", name);
            rotated.put("version", rotation.token());
            rotated.put("resumed", rotation.resumed());
            return rotated;
          });
    }

    /** Runs the rotation Lambda's code against the backend of {@code store}. */
    private RotationRunner.Rotation rotate(SecretStore store) {
      SecretVersionStore versions;
      String id;
      if (store instanceof SecretsManagerSecretStore aws) {
        versions = new SecretsManagerVersions(aws.client());
        id = aws.secretId(name);
      } else if (store instanceof LocalSecretStore local) {
        versions = new LocalSecretVersions(local);
        id = name;
      } else {
        throw new IllegalStateException("no rotation for " + store.getClass().getName());
      }
      return new RotationRunner(
              versions, new RotationStrategies(versions, HttpClient.newHttpClient()))
          .rotateOrResume(id);
    }
  }
}
