package io.tidestream.it.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS reverse proxy with HTTP basic auth for one user in front of an engine: what a secured
 * cluster looks like to the sink, without a security plugin in the engine. The JDK's {@code
 * HttpsServer} serves a self-signed certificate for 127.0.0.1 that the JDK's {@code keytool} makes;
 * each request with the right credentials goes to the engine through {@code HttpClient}, without
 * the {@code Authorization} header. Needs nothing but the JDK. Requests are written to {@code
 * access.log} in the proxy's folder.
 */
public final class TlsProxy implements AutoCloseable {

  private final HttpsServer server;
  private final ExecutorService executor;
  private final Path caPem;

  private TlsProxy(HttpsServer server, ExecutorService executor, Path caPem) {
    this.server = server;
    this.executor = executor;
    this.caPem = caPem;
  }

  public static TlsProxy start(Path dir, String upstreamUrl, String user, String password)
      throws Exception {
    Files.createDirectories(dir);
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    char[] storePassword = HexFormat.of().formatHex(random).toCharArray();
    Path keyStore = dir.resolve("proxy.p12");
    Path cert = dir.resolve("cert.pem");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "proxy",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "san=ip:127.0.0.1,dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        new String(storePassword));
    keytool(
        dir,
        "-exportcert",
        "-rfc",
        "-alias",
        "proxy",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        new String(storePassword),
        "-file",
        cert.toString());

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, storePassword);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, storePassword);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    byte[] expected =
        ("Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .getBytes(StandardCharsets.UTF_8);
    Path accessLog = dir.resolve("access.log");
    server.createContext(
        "/",
        exchange -> {
          try {
            int status = forward(exchange, client, URI.create(upstreamUrl), expected);
            Files.writeString(
                accessLog,
                exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + status + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
          } finally {
            exchange.close();
          }
        });
    ExecutorService executor = Executors.newFixedThreadPool(16);
    server.setExecutor(executor);
    server.start();
    return new TlsProxy(server, executor, cert);
  }

  /**
   * Answers 401 without the right credentials, else the engine's answer. Returns the status sent.
   */
  private static int forward(
      HttpExchange exchange, HttpClient client, URI upstream, byte[] expected) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    // compared in constant time, as a real proxy would
    if (auth == null || !MessageDigest.isEqual(expected, auth.getBytes(StandardCharsets.UTF_8))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"engine\"");
      exchange.sendResponseHeaders(401, -1);
      return 401;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    return HttpRelay.relay(exchange, client, upstream, exchange.getRequestURI().toString(), body);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Path out = dir.resolve("keytool.out");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("keytool " + args[0] + " failed: " + Files.readString(out));
    }
  }

  public String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The certificate clients must trust (self-signed, so it is its own CA). */
  public Path caPem() {
    return caPem;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
