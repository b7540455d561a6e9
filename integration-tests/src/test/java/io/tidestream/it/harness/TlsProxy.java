package io.tidestream.it.harness;

import io.tidestream.pipeline.process.ManagedProcess;
import io.tidestream.pipeline.process.Ports;
import io.tidestream.pipeline.process.Waits;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nginx (Debian's package) in front of an engine: HTTPS with a self-signed certificate made by
 * openssl for 127.0.0.1, and HTTP basic auth for one user. What a secured cluster looks like to
 * the sink, without a security plugin in the engine.
 */
public final class TlsProxy implements AutoCloseable {

  private final ManagedProcess process;
  private final int port;
  private final Path caPem;

  private TlsProxy(ManagedProcess process, int port, Path caPem) {
    this.process = process;
    this.port = port;
    this.caPem = caPem;
  }

  public static TlsProxy start(Path dir, String upstreamUrl, String user, String password) throws IOException,
      InterruptedException {
    Files.createDirectories(dir);
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
        cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost"), dir);
    Files.writeString(dir.resolve("htpasswd"), user + ":{PLAIN}" + password + "\n");
    int port = Ports.free();
    String conf = """
        %6$s
        worker_processes 1;
        error_log %1$s/error.log warn;
        pid %1$s/nginx.pid;
        events { worker_connections 256; }
        http {
          access_log %1$s/access.log;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          client_max_body_size 200m;
          server {
            listen 127.0.0.1:%2$d ssl;
            ssl_certificate %3$s;
            ssl_certificate_key %4$s;
            auth_basic "engine";
            auth_basic_user_file %1$s/htpasswd;
            location / { proxy_pass %5$s; proxy_set_header Authorization ""; }
          }
        }
        """.formatted(dir, port, cert, key, upstreamUrl,
        // as root, workers would run as nobody and could not read the private temp folder
        "root".equals(System.getProperty("user.name")) ? "user root;" : "");
    Files.writeString(dir.resolve("nginx.conf"), conf);
    ManagedProcess process = ManagedProcess.start(new ManagedProcess.Spec("nginx",
        List.of(Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;"),
        Map.of(), dir, dir.resolve("nginx.out"), null, false));
    Waits.until(process, Duration.ofSeconds(30), "nginx on port " + port, () -> {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return s.isConnected();
      } catch (IOException e) {
        return false;
      }
    });
    return new TlsProxy(process, port, cert);
  }

  private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("openssl.out").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("openssl failed: " + Files.readString(dir.resolve("openssl.out")));
    }
  }

  public String url() {
    return "https://127.0.0.1:" + port;
  }

  /** The certificate clients must trust (self-signed, so it is its own CA). */
  public Path caPem() {
    return caPem;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }

}
