package io.tidestream.elastic.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Certificates for the TLS tests, made with the JDK's {@code keytool} (and {@code openssl}). */
public final class TestCertificates {

  private TestCertificates() {}

  /**
   * A PKCS12 store at {@code p12} with a self-signed EC key pair for {@code localhost} and
   * 127.0.0.1 under alias {@code engine}, and its certificate as PEM at {@code pem}: what a test
   * engine serves and what the sink is told to trust.
   */
  public static void localhostEngine(Path p12, Path pem, String password) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "engine",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        p12.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "engine",
        "-keystore",
        p12.toString(),
        "-storepass",
        password,
        "-file",
        pem.toString());
  }

  /** Loads a PKCS12 store. */
  public static KeyStore load(Path p12, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, password.toCharArray());
    }
    return ks;
  }

  /** Runs the running JDK's keytool; fails the test when it fails. */
  public static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    run(cmd);
  }

  /** Runs openssl from the PATH; fails the test when it fails. */
  public static void openssl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    run(cmd);
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
