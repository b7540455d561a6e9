package io.tidestream.it.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Debian server of the sink's connection tests (nginx requiring a TLS client certificate in front
 * of an engine, tinyproxy as a forward proxy), run in the foreground on a free loopback port with
 * its configuration, logs and state in the test's folder, and stopped by {@link #close()}. Both run
 * as root as well as any other user (nginx with {@code master_process off} does not switch users;
 * tinyproxy keeps the current user), so no user switching is needed. {@code ./pipeline test}
 * installs both.
 */
public final class LocalDaemon implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;
  private final Path dir;

  private LocalDaemon(String name, Process process, int port, Path dir) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /**
   * nginx terminating TLS on 127.0.0.1 with {@code serverCert}/{@code serverKey}, requiring a
   * client certificate signed by (or equal to) {@code clientCa}, forwarding to {@code upstreamUrl}.
   * The access log ({@code access.log}) names each request's client certificate.
   */
  public static LocalDaemon nginxRequiringClientCertificates(
      Path dir, Path serverCert, Path serverKey, Path clientCa, String upstreamUrl)
      throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    String conf =
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log info;
        events { worker_connections 256; }
        http {
          log_format withcert '$request $status client="$ssl_client_s_dn"';
          access_log %1$s/access.log withcert;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          client_max_body_size 64m;
          server {
            listen 127.0.0.1:%2$d ssl;
            ssl_certificate %3$s;
            ssl_certificate_key %4$s;
            ssl_client_certificate %5$s;
            ssl_verify_client on;
            location / {
              proxy_pass %6$s;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
            }
          }
        }
        """
            .formatted(dir, port, serverCert, serverKey, clientCa, upstreamUrl);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf, StandardCharsets.UTF_8);
    Path binary = binary("nginx");
    return start(
        "nginx", dir, port, List.of(binary.toString(), "-c", file.toString(), "-p", dir + "/"));
  }

  /**
   * tinyproxy on 127.0.0.1 with basic auth for one user, tunnelling CONNECT to {@code connectPort}
   * only (and plain http anywhere). Its log is {@code tinyproxy.log}.
   */
  public static LocalDaemon tinyproxy(Path dir, String user, String password, int connectPort)
      throws Exception {
    Files.createDirectories(dir);
    int port = freePort();
    String conf =
        """
        Port %2$d
        Listen 127.0.0.1
        Timeout 120
        LogFile "%1$s/tinyproxy.log"
        LogLevel Connect
        MaxClients 64
        Allow 127.0.0.1
        BasicAuth %3$s %4$s
        ConnectPort %5$d
        DisableViaHeader Yes
        """
            .formatted(dir, port, user, password, connectPort);
    Path file = dir.resolve("tinyproxy.conf");
    Files.writeString(file, conf, StandardCharsets.UTF_8);
    return start(
        "tinyproxy",
        dir,
        port,
        List.of(binary("tinyproxy").toString(), "-d", "-c", file.toString()));
  }

  private static LocalDaemon start(String name, Path dir, int port, List<String> command)
      throws Exception {
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .start();
    LocalDaemon daemon = new LocalDaemon(name, process, port, dir);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + ": "
                + Files.readString(dir.resolve(name + ".out")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return daemon;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          daemon.close();
          throw new AssertionError(name + " did not listen on port " + port + " within 30 s");
        }
        Thread.sleep(100);
      }
    }
  }

  /** On PATH, else in /usr/sbin (nginx is there, off a non-root user's PATH). */
  static Path binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/bin"))
        .filter(p -> !p.isEmpty())
        .map(p -> Path.of(p, name))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " is not installed: ./pipeline test installs it as root (apt-get install"
                        + " nginx-light tinyproxy)"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " on 127.0.0.1:" + port;
  }
}
