package io.tidestream.elastic.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.elastic.ElasticGeoSinkConnectorAccess;
import io.tidestream.elastic.testing.FakeEngine;
import io.tidestream.elastic.testing.FakeEngine.Reply;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code connection.proxy.url} every request goes to the proxy with the engine's absolute URL:
 * here the engine's host name does not even resolve, and only the fake behind the proxy address
 * answers. The fake plays a forward proxy that forwards to an engine.
 */
class ProxyTest {

  static final String PROXY_SECRET = "proxy-Secret-3317";

  private static Map<String, String> props(FakeEngine proxy) {
    Map<String, String> props = new HashMap<>();
    props.put("connection.urls", "http://engine.tides.invalid:9200");
    props.put("connection.proxy.url", proxy.url());
    props.put("errors.tolerance", "all");
    props.put("errors.deadletterqueue.topic.name", "dlq");
    props.put("index.name", "tides-${yyyy.MM}");
    return props;
  }

  @Test
  void requestsGoThroughTheProxyWithPreemptiveProxyAuthorization() throws Exception {
    try (FakeEngine proxy = new FakeEngine()) {
      proxy.asOpenSearch("2.19.4");
      Map<String, String> props = props(proxy);
      props.put("connection.proxy.username", "tide");
      props.put("connection.proxy.password", PROXY_SECRET);
      props.put("connection.username", "engine-user");
      props.put("connection.password", "engine-Pass-1");

      assertThat(ElasticGeoSinkConnectorAccess.errors(props)).isEmpty();

      FakeEngine.Received root = proxy.received("GET", "/").get(0);
      assertThat(root.header("Proxy-Authorization"))
          .isEqualTo(
              "Basic " + Base64.getEncoder().encodeToString(("tide:" + PROXY_SECRET).getBytes()));
      assertThat(root.header("Authorization")).startsWith("Basic ");
      assertThat(root.header("Host")).isEqualTo("engine.tides.invalid:9200");
    }
  }

  @Test
  void aProxyRefusingTheCredentialsIsReportedOnTheProxyPasswordWithoutEchoingIt() throws Exception {
    try (FakeEngine proxy = new FakeEngine()) {
      proxy.always(
          "GET", "/", new Reply(407, "", Map.of("Proxy-Authenticate", "Basic realm=\"proxy\"")));
      Map<String, String> props = props(proxy);
      props.put("connection.proxy.username", "tide");
      props.put("connection.proxy.password", PROXY_SECRET);
      Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
      assertThat(errors).containsOnlyKeys("connection.proxy.password");
      assertThat(errors.toString()).contains("HTTP 407").doesNotContain(PROXY_SECRET);
    }
  }

  @Test
  void aProxyAnswering401AsTinyproxyDoesIsReportedOnTheProxyPasswordWhenTheEngineGetsNoCredentials()
      throws Exception {
    try (FakeEngine proxy = new FakeEngine()) {
      proxy.always(
          "GET", "/", new Reply(401, "", Map.of("WWW-Authenticate", "Basic realm=\"Tinyproxy\"")));
      Map<String, String> props = props(proxy);
      props.put("connection.proxy.username", "tide");
      props.put("connection.proxy.password", PROXY_SECRET);
      Map<String, List<String>> errors = ElasticGeoSinkConnectorAccess.errors(props);
      assertThat(errors).containsOnlyKeys("connection.proxy.password");
      assertThat(errors.toString()).contains("user 'tide'").doesNotContain(PROXY_SECRET);
    }
  }

  @Test
  void withoutAProxyTheUnresolvableEngineIsNotReached() throws Exception {
    try (FakeEngine proxy = new FakeEngine()) {
      Map<String, String> props = props(proxy);
      props.remove("connection.proxy.url");
      assertThat(ElasticGeoSinkConnectorAccess.errors(props)).containsOnlyKeys("connection.urls");
      assertThat(proxy.received()).isEmpty();
    }
  }
}
