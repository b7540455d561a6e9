package io.tidestream.noaa.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.noaa.Fixtures;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.parse.ParsedResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoaaClientTest {

  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private MockWebServer server;
  private NoaaClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        new NoaaClient(
            server.url("/api/prod/datagetter").toString(),
            server.url("/mdapi/prod/webapi").toString(),
            "tidestream-test",
            "tidestream-test-agent/1",
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.shutdown();
  }

  private static DataRequest request(NoaaProduct product) {
    return new DataRequest(
        "9447130",
        product,
        product.usesDatum() ? "MLLW" : null,
        "metric",
        product.usesInterval() ? "6" : null,
        Instant.parse("2015-01-01T00:00:00Z"),
        Instant.parse("2015-01-31T00:00:00Z"));
  }

  private NoaaApiException failure(MockResponse response) throws Exception {
    server.enqueue(response);
    try {
      client.fetch(request(NoaaProduct.WATER_LEVEL)).get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return (NoaaApiException) e.getCause();
    }
    throw new AssertionError("expected failure");
  }

  @Test
  void sendsInclusiveGmtWindowApplicationUserAgentAndAcceptsGzip() throws Exception {
    Buffer gz = new Buffer();
    try (GZIPOutputStream out = new GZIPOutputStream(gz.outputStream())) {
      out.write(Fixtures.bytes(Fixtures.WATER_LEVEL));
    }
    server.enqueue(
        new MockResponse()
            .setBody(gz)
            .setHeader("Content-Encoding", "gzip")
            .setHeader("Content-Type", "text/html;charset=ISO-8859-1"));

    ParsedResponse r = client.fetch(request(NoaaProduct.WATER_LEVEL)).get(5, TimeUnit.SECONDS);

    assertThat(r.rows()).hasSize(7201);
    RecordedRequest req = server.takeRequest();
    assertThat(req.getHeader("User-Agent")).isEqualTo("tidestream-test-agent/1");
    assertThat(req.getHeader("Accept-Encoding")).isEqualTo("gzip");
    var url = req.getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo("/api/prod/datagetter");
    assertThat(url.queryParameter("station")).isEqualTo("9447130");
    assertThat(url.queryParameter("product")).isEqualTo("water_level");
    assertThat(url.queryParameter("begin_date")).isEqualTo("20150101 00:00");
    assertThat(url.queryParameter("end_date")).isEqualTo("20150131 00:00");
    assertThat(url.queryParameter("time_zone")).isEqualTo("gmt");
    assertThat(url.queryParameter("format")).isEqualTo("json");
    assertThat(url.queryParameter("datum")).isEqualTo("MLLW");
    assertThat(url.queryParameter("units")).isEqualTo("metric");
    assertThat(url.queryParameter("application")).isEqualTo("tidestream-test");
    assertThat(url.queryParameter("interval")).isNull();
  }

  @Test
  void metProductsSendIntervalAndNoDatum() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WIND)));
    client.fetch(request(NoaaProduct.WIND)).get(5, TimeUnit.SECONDS);
    var url = server.takeRequest().getRequestUrl();
    assertThat(url.queryParameter("interval")).isEqualTo("6");
    assertThat(url.queryParameter("datum")).isNull();
  }

  @Test
  void forbiddenFromGatewayIsABan() throws Exception {
    NoaaApiException e =
        failure(
            new MockResponse()
                .setResponseCode(403)
                .setHeader("x-amzn-ErrorType", "ForbiddenException")
                .setBody("{\"message\":\"Forbidden\"}"));
    assertThat(e.kind()).isEqualTo(NoaaErrorKind.BANNED);
    assertThat(e.getMessage()).contains("403").contains("ForbiddenException");
  }

  @Test
  void tooManyRequestsCarriesRetryAfter() throws Exception {
    NoaaApiException e =
        failure(new MockResponse().setResponseCode(429).setHeader("Retry-After", "17"));
    assertThat(e.kind()).isEqualTo(NoaaErrorKind.THROTTLED);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(17));
  }

  @Test
  void tooManyRequestsWithHttpDateRetryAfter() throws Exception {
    NoaaApiException e =
        failure(
            new MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "Thu, 01 Jan 2026 00:01:00 GMT"));
    assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
  }

  @Test
  void serverErrorsAndGatewayTimeoutsAreTransient() throws Exception {
    assertThat(
            failure(new MockResponse().setResponseCode(504).setBody("<html>Gateway Timeout</html>"))
                .kind())
        .isEqualTo(NoaaErrorKind.TRANSIENT);
    assertThat(failure(new MockResponse().setResponseCode(500)).kind())
        .isEqualTo(NoaaErrorKind.TRANSIENT);
    assertThat(
            failure(new MockResponse().setResponseCode(503).setHeader("Retry-After", "5"))
                .retryAfter())
        .contains(Duration.ofSeconds(5));
  }

  @Test
  void htmlPageWithStatus200IsTransientNotData() throws Exception {
    assertThat(
            failure(new MockResponse().setBody("<!DOCTYPE html><html>maintenance</html>")).kind())
        .isEqualTo(NoaaErrorKind.TRANSIENT);
  }

  @Test
  void rangeLimitWith400IsClassifiedFromTheBody() throws Exception {
    NoaaApiException e =
        failure(
            new MockResponse()
                .setResponseCode(400)
                .setBody("{\"error\":{\"message\":\"Range Limit Exceeded: max 31 days\"}}"));
    assertThat(e.kind()).isEqualTo(NoaaErrorKind.RANGE_LIMIT);
    assertThat(e.httpStatus()).isEqualTo(400);
  }

  @Test
  void droppedConnectionIsTransient() throws Exception {
    NoaaApiException e =
        failure(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    assertThat(e.kind()).isEqualTo(NoaaErrorKind.TRANSIENT);
    assertThat(e.httpStatus()).isZero();
  }

  private ParsedResponse fetchWind() throws Exception {
    return client.fetch(request(NoaaProduct.WIND)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aServerThatClosesEachConnectionAfterItsAnswerCostsNoErrorAndOneRequestPerFetch()
      throws Exception {
    for (int i = 0; i < 6; i++) {
      // a complete answer without "Connection: close", then the server closes the connection
      server.enqueue(
          new MockResponse()
              .setBody(Fixtures.text(Fixtures.WIND))
              .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    }

    for (int i = 0; i < 6; i++) {
      assertThat(fetchWind().rows()).as("fetch %s", i).isNotEmpty();
    }
    assertThat(server.getRequestCount()).as("requests the server answered").isEqualTo(6);
  }

  @Test
  void aFailureOnAFreshConnectionIsAnErrorNotRetried() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WIND)));

    assertThatThrownBy(this::fetchWind)
        .hasCauseInstanceOf(NoaaApiException.class)
        .cause()
        .satisfies(
            e -> assertThat(((NoaaApiException) e).kind()).isEqualTo(NoaaErrorKind.TRANSIENT));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPooledConnectionIsRetriedOnceOnAFreshOneAndAFailureThereIsAnError() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WIND)));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WIND)));
    fetchWind(); // leaves its connection in the pool

    assertThatThrownBy(this::fetchWind).hasCauseInstanceOf(NoaaApiException.class);
    assertThat(server.getRequestCount())
        .as("the pooled attempt and one fresh attempt")
        .isEqualTo(3);
    assertThat(fetchWind().rows()).isNotEmpty();
  }

  @Test
  void aSlowAnswerOnAPooledConnectionIsATimeoutNotRetried() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WIND)));
    server.enqueue(
        new MockResponse()
            .setBody(Fixtures.text(Fixtures.WIND))
            .setHeadersDelay(4, TimeUnit.SECONDS));
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.WIND)));
    fetchWind();

    assertThatThrownBy(this::fetchWind).hasCauseInstanceOf(NoaaApiException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void metadataCallsAlsoSurviveAServerThatClosesAfterEachAnswer() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse()
              .setBody(Fixtures.text(Fixtures.STATIONS_LIST))
              .setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    }
    StationDirectory dir = new StationDirectory(client);

    for (int i = 0; i < 3; i++) {
      assertThat(dir.list("waterlevels")).hasSize(301);
    }
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void noDataErrorBodyWithStatus200() throws Exception {
    NoaaApiException e =
        failure(
            new MockResponse()
                .setBody(Fixtures.text(Fixtures.NO_DATA))
                .setHeader("Content-Type", "text/html;charset=ISO-8859-1"));
    assertThat(e.kind()).isEqualTo(NoaaErrorKind.NO_DATA);
  }

  @Test
  void stationDirectoryReadsListsWithLngAndDetails() throws Exception {
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.STATIONS_LIST)));
    server.enqueue(new MockResponse().setBody(Fixtures.text(Fixtures.STATION_9447130)));
    server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"errorMsg\":\"not found\"}"));
    StationDirectory dir = new StationDirectory(client);

    var list = dir.list("waterlevels");
    assertThat(list).hasSize(301);
    assertThat(server.takeRequest().getRequestUrl().toString())
        .endsWith("/mdapi/prod/webapi/stations.json?type=waterlevels");
    var seattle =
        list.stream().filter(l -> "9447130".equals(l.meta().id())).findFirst().orElseThrow();
    assertThat(seattle.meta().lon()).isEqualTo(-122.3393);
    assertThat(seattle.state()).isEqualTo("WA");

    var details = dir.details("9447130").orElseThrow();
    assertThat(details.productPages())
        .contains("Water Levels", "Tide Predictions", "Meteorological");
    assertThat(details.datums()).contains("MLLW", "NAVD88");
    assertThat(dir.details("0000000")).isEmpty();
  }

  @Test
  void metadataServerErrorIsTransientNotNotFound() {
    server.enqueue(new MockResponse().setResponseCode(502));
    assertThatThrownBy(() -> new StationDirectory(client).details("9447130"))
        .isInstanceOfSatisfying(
            NoaaApiException.class, e -> assertThat(e.kind()).isEqualTo(NoaaErrorKind.TRANSIENT));
  }
}
