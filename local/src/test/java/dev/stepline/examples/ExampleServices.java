package dev.stepline.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.stepline.tools.LoopbackHttpServer;
import dev.stepline.tools.LoopbackHttpServer.Recorded;
import dev.stepline.tools.LoopbackHttpServer.Reply;
import dev.stepline.tools.mail.TestCertificates;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The loopback services the examples call: an HTTP API that checks credentials exactly (401 on a
 * wrong one), an OAuth token endpoint, PostgreSQL with a seeded {@code users} table, GreenMail SMTP
 * over TLS, and a Chat Completions peer. Example files name them with placeholders such as {@code
 * ${API_PORT}}, which {@link #fill} replaces with the ports chosen at start.
 *
 * <p>{@link #main} starts them for a manual run (see {@code examples/README.md}).
 */
public final class ExampleServices implements AutoCloseable {
  static final String API_KEY = "sk-live-4f1c9e27";
  static final String OAUTH_CLIENT_ID = "reports-client";
  static final String OAUTH_CLIENT_SECRET = "cs-93b1f0aa";
  static final String ACCESS_TOKEN = "at-7d2e41b9c0";
  static final String BASIC_USER = "svc-reports";
  static final String BASIC_PASSWORD = "pw-51e8d2c3";
  static final String DB_PASSWORD = "db-pass-a81c";
  static final String SMTP_PASSWORD = "smtp-pass-6c0d";
  static final String MODEL_KEY = "mk-local-2b7f";
  static final Map<String, String> TENANT_KEYS =
      Map.of("tk-123-aa01", "Acme Corp", "tk-456-bb02", "Globex");
  static final String SERVICE_A_KEY = "sa-key-0c3e";
  static final String SERVICE_B_TOKEN = "sb-token-9d41";
  static final String STRIPE_OLD_KEY = "sk_old_11aa22bb";
  static final String STRIPE_NEW_KEY = "sk_new_33cc44dd";

  private final LoopbackHttpServer api;
  private final EmbeddedPostgres postgres;
  private final GreenMail mail;
  private final TestCertificates certificates;
  private final Set<String> keysSeen = new CopyOnWriteArraySet<>();

  private ExampleServices(Path dataDirectory) throws Exception {
    api = new LoopbackHttpServer();
    routeApi();
    postgres = startPostgres(dataDirectory);
    certificates = TestCertificates.create();
    mail = startMail(certificates);
  }

  /** Starts every service; PostgreSQL keeps its data in {@code dataDirectory}. */
  public static ExampleServices start(Path dataDirectory) throws Exception {
    return new ExampleServices(dataDirectory);
  }

  /** The placeholder values: ports, the model base URL and the trust store of the SMTP server. */
  public Map<String, String> placeholders() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("API_PORT", String.valueOf(api.port()));
    values.put("DB_PORT", String.valueOf(postgres.getPort()));
    values.put("SMTP_PORT", String.valueOf(mail.getSmtps().getPort()));
    values.put("MODEL_BASE_URL", api.url("/llm/v1"));
    values.put("TRUST_STORE", certificates.keyStore.toString());
    values.put("TRUST_STORE_PASSWORD", TestCertificates.PASSWORD);
    return values;
  }

  /** Replaces every {@code ${NAME}} in {@code text} with its placeholder value. */
  public String fill(String text) {
    Map<String, String> values = placeholders();
    Matcher matcher = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(text);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("unknown placeholder " + matcher.group());
      }
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  /** The credentials the HTTP API was sent, in any order, for checks of which secrets were used. */
  public Set<String> credentialsSeen() {
    return keysSeen;
  }

  /** Creates a client TLS context that trusts the SMTP server's certificate. */
  public SSLContext clientTls() throws Exception {
    return certificates.clientContext();
  }

  public GreenMail mail() {
    return mail;
  }

  private void routeApi() {
    api.route(
        "/v1/data",
        request ->
            bearer(request).equals(API_KEY) && API_KEY.equals(request.header("X-API-Key"))
                ? Reply.json(200, "{\"items\": [{\"id\": 1, \"name\": \"alpha\"}], \"count\": 1}")
                : unauthorized());
    api.route("/oauth/token", this::token);
    api.route(
        "/v1/reports",
        request ->
            bearer(request).equals(ACCESS_TOKEN)
                ? Reply.json(200, "{\"reports\": [\"daily\", \"weekly\"]}")
                : unauthorized());
    api.route(
        "/v1/account",
        request ->
            basic(request).equals(BASIC_USER + ":" + BASIC_PASSWORD)
                ? Reply.json(200, "{\"account\": \"acct-0192\", \"plan\": \"team\"}")
                : unauthorized());
    api.route(
        "/v1/users",
        request ->
            ("api_key=" + API_KEY).equals(request.query())
                ? Reply.json(200, "{\"users\": [\"ada\", \"grace\"]}")
                : unauthorized());
    api.route(
        "/tenants/data",
        request -> {
          String tenant = TENANT_KEYS.get(bearer(request));
          return tenant == null
              ? unauthorized()
              : Reply.json(200, "{\"tenant\": \"" + tenant + "\", \"orders\": 3}");
        });
    api.route(
        "/service-a/process",
        request ->
            SERVICE_A_KEY.equals(request.header("X-API-Key"))
                ? Reply.json(200, "{\"handled_by\": \"A\", \"echo\": " + request.bodyText() + "}")
                : unauthorized());
    api.route(
        "/service-b/process",
        request ->
            bearer(request).equals(SERVICE_B_TOKEN)
                ? Reply.json(200, "{\"handled_by\": \"B\", \"echo\": " + request.bodyText() + "}")
                : unauthorized());
    api.route(
        "/v1/charges",
        request ->
            Set.of(STRIPE_OLD_KEY, STRIPE_NEW_KEY).contains(bearer(request))
                ? Reply.json(200, "{\"charges\": 2}")
                : unauthorized());
    api.route("/llm/v1/chat/completions", this::chat);
  }

  private Reply token(Recorded request) {
    Map<String, String> form = form(request.bodyText());
    String client = basic(request);
    if (!request.method().equals("POST")
        || !"client_credentials".equals(form.get("grant_type"))
        || !client.equals(OAUTH_CLIENT_ID + ":" + OAUTH_CLIENT_SECRET)) {
      return Reply.json(401, "{\"error\": \"invalid_client\"}");
    }
    if (!"read write".equals(form.get("scope"))) {
      return Reply.json(400, "{\"error\": \"invalid_scope\"}");
    }
    return Reply.json(
        200,
        "{\"access_token\": \""
            + ACCESS_TOKEN
            + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600, \"scope\": \"read write\"}");
  }

  /** Answers a Chat Completions request with a fixed text chosen by the last user message. */
  private Reply chat(Recorded request) {
    if (!bearer(request).equals(MODEL_KEY)) {
      return Reply.json(401, "{\"error\": {\"message\": \"invalid model key\"}}");
    }
    String body = request.bodyText();
    String answer =
        body.contains("authentication failed")
            ? "Check that the API key is current and sent as a Bearer token."
            : "Look at the service status page, then retry the call.";
    return Reply.json(
        200,
        "{\"id\": \"chatcmpl-local-1\", \"object\": \"chat.completion\", \"created\": 1,"
            + " \"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"message\": {\"role\":"
            + " \"assistant\", \"content\": \""
            + answer
            + "\"}, \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": 10,"
            + " \"completion_tokens\": 10, \"total_tokens\": 20}}");
  }

  private String bearer(Recorded request) {
    String header = request.header("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return "";
    }
    String token = header.substring("Bearer ".length());
    keysSeen.add(token);
    return token;
  }

  private String basic(Recorded request) {
    String header = request.header("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return "";
    }
    String pair =
        new String(
            Base64.getDecoder().decode(header.substring("Basic ".length())),
            StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    return colon < 0
        ? pair
        : decode(pair.substring(0, colon)) + ":" + decode(pair.substring(colon + 1));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        form.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return form;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static Reply unauthorized() {
    return Reply.json(401, "{\"error\": \"invalid credentials\"}");
  }

  private static EmbeddedPostgres startPostgres(Path dataDirectory) throws Exception {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(true)
            .start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE reporter LOGIN PASSWORD '" + DB_PASSWORD + "'");
      statement.execute("CREATE DATABASE crm OWNER reporter");
    }
    try (Connection crm = postgres.getDatabase("postgres", "crm").getConnection();
        Statement statement = crm.createStatement()) {
      statement.execute("SET ROLE reporter");
      statement.execute("CREATE TABLE users (id int PRIMARY KEY, name text, email text)");
      statement.execute(
          "INSERT INTO users SELECT i, 'user' || i, 'user' || i || '@example.com'"
              + " FROM generate_series(1, 15) AS i");
    }
    // Only the administrator keeps password-less access; the examples' role must log in.
    Files.writeString(
        dataDirectory.resolve("pg_hba.conf"),
        "local all all trust\n"
            + "host all postgres 127.0.0.1/32 trust\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n");
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("SELECT pg_reload_conf()");
    }
    return postgres;
  }

  private static GreenMail startMail(TestCertificates certificates) {
    // GreenMail reads its TLS key store from these properties once, when it first opens SMTPS.
    System.setProperty("greenmail.tls.keystore.file", certificates.keyStore.toString());
    System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
    System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
    ServerSetup smtps = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort();
    smtps.setServerStartupTimeout(30_000);
    GreenMail mail = new GreenMail(smtps);
    mail.start();
    mail.setUser("alerts@example.com", "alerts", SMTP_PASSWORD);
    return mail;
  }

  @Override
  public void close() throws Exception {
    api.close();
    mail.stop();
    postgres.close();
  }

  /**
   * Starts the services and writes {@code services.env} and each example's filled {@code
   * secrets.json} under the directory given as the first argument, then runs until stopped.
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/example-services").toAbsolutePath();
    Path examples = Path.of(args.length > 1 ? args[1] : "examples").toAbsolutePath();
    Files.createDirectories(out);
    ExampleServices services = start(Files.createTempDirectory("stepline-examples-pg"));
    StringBuilder env = new StringBuilder();
    services.placeholders().forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
    Files.writeString(out.resolve("services.env"), env.toString());
    try (Stream<Path> files = Files.list(examples)) {
      for (Path example :
          files.filter(p -> Files.isRegularFile(p.resolve("secrets.json"))).toList()) {
        Path target = out.resolve(example.getFileName()).resolve("secrets.json");
        Files.createDirectories(target.getParent());
        Files.writeString(target, services.fill(Files.readString(example.resolve("secrets.json"))));
      }
    }
    System.out.println("services ready; settings in " + out.resolve("services.env"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(services)));
    Thread.currentThread().join();
  }

  private static void closeQuietly(ExampleServices services) {
    try {
      services.close();
    } catch (Exception e) {
      System.err.println("stopping the services failed: " + e.getMessage());
    }
  }
}
