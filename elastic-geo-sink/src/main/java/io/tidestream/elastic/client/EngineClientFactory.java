package io.tidestream.elastic.client;

import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;

/**
 * Builds the low-level REST client (org.opensearch.client) from configuration: several nodes, basic
 * auth or API key sent pre-emptively or AWS SigV4 signing of every request, TLS with a trust store
 * or PEM CA and an optional client certificate, a forward proxy, timeouts, gzip.
 */
public final class EngineClientFactory {

  private EngineClientFactory() {}

  public static RestClient create(ElasticGeoSinkConfig config) {
    List<URI> urls = config.urls();
    HttpHost[] hosts = new HttpHost[urls.size()];
    for (int i = 0; i < hosts.length; i++) {
      URI u = urls.get(i);
      int port = u.getPort() > 0 ? u.getPort() : (u.getScheme().equals("https") ? 443 : 80);
      hosts[i] = new HttpHost(u.getHost(), port, u.getScheme());
    }
    RestClientBuilder builder = RestClient.builder(hosts);
    String prefix = urls.get(0).getPath();
    if (prefix != null && !prefix.isEmpty() && !prefix.equals("/")) {
      builder.setPathPrefix(prefix);
    }
    List<Header> headers = new ArrayList<>();
    Password apiKey = config.apiKey();
    if (apiKey != null) {
      headers.add(new BasicHeader("Authorization", "ApiKey " + apiKey.value().trim()));
    } else if (config.username() != null) {
      Password password = config.password();
      String pair = config.username() + ":" + (password == null ? "" : password.value());
      headers.add(
          new BasicHeader(
              "Authorization",
              "Basic "
                  + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }
    ProxySettings proxy = ProxySettings.of(config);
    if (proxy != null) {
      proxy.preemptiveHeader(tls(urls)).ifPresent(headers::add);
    }
    builder.setDefaultHeaders(headers.toArray(new Header[0]));
    builder.setCompressionEnabled(config.compression());
    int connectTimeout = (int) config.connectTimeout().toMillis();
    int readTimeout = (int) config.readTimeout().toMillis();
    // The pool holds more connections than requests are ever in flight, so a lease never waits
    // long.
    builder.setRequestConfigCallback(
        rc ->
            rc.setConnectTimeout(connectTimeout)
                .setSocketTimeout(readTimeout)
                .setConnectionRequestTimeout(connectTimeout));
    SSLContext ssl = tls(urls) ? sslContext(config) : null;
    SigV4Interceptor sigV4 =
        config.awsSigV4Enabled() ? new SigV4Interceptor(AwsSigV4.of(config)) : null;
    boolean verifyHosts = config.hostnameVerification();
    builder.setHttpClientConfigCallback(
        hc -> {
          hc.setMaxConnPerRoute(Math.max(4, config.bulkMaxInFlight() + 2));
          hc.setMaxConnTotal(Math.max(8, (config.bulkMaxInFlight() + 2) * hosts.length));
          hc.setDefaultIOReactorConfig(
              org.apache.http.impl.nio.reactor.IOReactorConfig.custom()
                  .setIoThreadCount(1)
                  .build());
          if (ssl != null) {
            hc.setSSLContext(ssl);
          }
          if (!verifyHosts) {
            hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
          }
          if (proxy != null) {
            proxy.configure(hc);
          }
          if (sigV4 != null) {
            // last: it signs the request line, Host header and body as they go out
            hc.addInterceptorLast(sigV4);
          }
          return hc;
        });
    return builder.build();
  }

  private static boolean tls(List<URI> urls) {
    return urls.stream().anyMatch(u -> u.getScheme().equals("https"));
  }

  /**
   * The JVM default context, or one trusting the configured trust store or PEM CA certificates and
   * presenting the configured client certificate.
   */
  static SSLContext sslContext(ElasticGeoSinkConfig config) {
    KeyManager[] keys = ClientKeys.keyManagers(config);
    try {
      KeyStore trust = null;
      if (config.truststorePath() != null) {
        trust = KeyStore.getInstance(config.truststoreType());
        Password pw = config.truststorePassword();
        try (InputStream in = Files.newInputStream(Path.of(config.truststorePath()))) {
          trust.load(in, pw == null ? null : pw.value().toCharArray());
        } catch (IOException e) {
          throw new ConfigException(
              ElasticGeoSinkConfig.TRUSTSTORE_PATH,
              config.truststorePath(),
              "cannot read the trust store ("
                  + e.getClass().getSimpleName()
                  + "); check the path, its type ("
                  + ElasticGeoSinkConfig.TRUSTSTORE_TYPE
                  + ") and its password");
        }
      } else if (config.caPemPath() != null) {
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(Path.of(config.caPemPath()))) {
          certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
          throw new ConfigException(
              ElasticGeoSinkConfig.CA_PEM_PATH,
              config.caPemPath(),
              "cannot read PEM certificates: " + e.getMessage());
        }
        if (certs.isEmpty()) {
          throw new ConfigException(
              ElasticGeoSinkConfig.CA_PEM_PATH, config.caPemPath(), "holds no certificate");
        }
        int i = 0;
        for (Certificate cert : certs) {
          trust.setCertificateEntry("ca-" + i++, cert);
        }
      }
      if (trust == null && keys == null) {
        return SSLContext.getDefault();
      }
      TrustManager[] trustManagers = null; // null: the JVM's default trust store
      if (trust != null) {
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustManagers = tmf.getTrustManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trustManagers, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("Cannot set up TLS: " + e.getMessage());
    }
  }
}
