package io.tidestream.elastic.client;

import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.apache.http.message.BasicHeader;

/**
 * A forward HTTP proxy ({@code connection.proxy.url}). Plain-http engine requests go to the proxy
 * with the engine's absolute URL and, with credentials, a pre-emptive {@code Proxy-Authorization}
 * (a streamed bulk body cannot be sent twice after a 407). https engine URLs are tunnelled with
 * CONNECT; the client answers the proxy's 407 to the CONNECT with the credentials, so they never
 * travel inside the tunnel to the engine.
 */
record ProxySettings(HttpHost host, String username, String password) {

  /** The configured proxy, or null for direct connections. */
  static ProxySettings of(ElasticGeoSinkConfig config) {
    URI url = config.proxyUrl();
    if (url == null) {
      return null;
    }
    String user = config.proxyUsername();
    String password =
        user == null || config.proxyPassword() == null ? null : config.proxyPassword().value();
    return new ProxySettings(new HttpHost(url.getHost(), url.getPort(), "http"), user, password);
  }

  void configure(HttpAsyncClientBuilder hc) {
    hc.setProxy(host);
    if (username != null) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(
          new AuthScope(host.getHostName(), host.getPort()),
          new UsernamePasswordCredentials(username, password));
      hc.setDefaultCredentialsProvider(credentials);
    }
  }

  /** The header for plain-http engine URLs; none with https, where it would reach the engine. */
  Optional<Header> preemptiveHeader(boolean tlsEngine) {
    if (username == null || tlsEngine) {
      return Optional.empty();
    }
    String pair = username + ":" + password;
    return Optional.of(
        new BasicHeader(
            "Proxy-Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public String toString() {
    return "proxy " + host.toURI() + (username == null ? "" : " as " + username);
  }
}
