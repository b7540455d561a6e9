package io.tidestream.sim.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.sim.NoaaSimulator;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.support.Http;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every fault mode, over real HTTP on an ephemeral loopback port. */
@Timeout(30)
class FaultInjectionOverHttpTest {

  private static final String QUERY =
      "/api/prod/datagetter?station=9447130&product=water_level&datum=MLLW"
          + "&begin_date=20250501&end_date=20250501+06:00&units=metric&time_zone=gmt&format=json&application=test";

  private final ManualClock wall = new ManualClock(Instant.parse("2025-06-01T00:00:00.100Z"));
  private NoaaSimulator sim;
  private Http http;

  @BeforeEach
  void start() {
    sim =
        NoaaSimulator.builder()
            .port(0)
            .seed(7)
            .gapRate(0)
            .clock(SimulatorClock.pinned(Instant.parse("2025-06-01T00:00:00Z"), wall))
            .start();
    http = new Http(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @ParameterizedTest(name = "{0} answers {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HTTP_500|500|{\"message\": \"Internal server error\"}",
        "HTTP_502|502|{\"message\": \"Bad Gateway\"}",
        "HTTP_503|503|{\"message\": \"Service Unavailable\"}",
        "HTTP_504|504|{\"message\": \"Endpoint request timed out\"}"
      })
  void serverErrorFaultsAnswerTheirStatusOnceThenServeNormally(
      FaultKind kind, int status, String body) {
    sim.faults().script(kind);

    HttpResponse<String> failed = http.get(QUERY);
    HttpResponse<String> next = http.get(QUERY);

    assertThat(failed.statusCode()).isEqualTo(status);
    assertThat(failed.body()).isEqualTo(body);
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(Http.json(next.body()).get("data")).hasSize(61);
  }

  @Test
  void throttlingAnswers429WithRetryAfter() {
    sim.faults().setRetryAfterSeconds(7);
    sim.faults().script(FaultKind.HTTP_429);

    HttpResponse<String> response = http.get(QUERY);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
  }

  @Test
  void aClientAboveTheRequestRateIsBannedWithForbiddenExceptionUntilTheCooldownEnds() {
    sim.faults().setBan(3, Duration.ofSeconds(60));

    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      statuses.add(http.get(QUERY).statusCode());
    }
    wall.advance(Duration.ofSeconds(30));
    HttpResponse<String> stillBanned = http.get(QUERY);
    wall.advance(Duration.ofSeconds(31));
    HttpResponse<String> afterCooldown = http.get(QUERY);

    assertThat(statuses).containsExactly(200, 200, 200, 403, 403);
    assertThat(stillBanned.statusCode()).as("ban is sticky, even at a polite rate").isEqualTo(403);
    assertThat(stillBanned.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
    assertThat(stillBanned.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(afterCooldown.statusCode()).isEqualTo(200);
  }

  @Test
  void aBanHitsOnlyTheClientThatExceededTheRate() throws Exception {
    sim.faults().setBan(1, Duration.ofSeconds(60));
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.util.function.Function<String, Integer> as =
        name -> {
          try {
            return client
                .send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + QUERY))
                        .header("X-Sim-Client", name)
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        };

    assertThat(List.of(as.apply("greedy"), as.apply("greedy"), as.apply("polite")))
        .containsExactly(200, 403, 200);
  }

  @Test
  void htmlErrorPageComesWithStatus200() {
    sim.faults().script(FaultKind.HTML_200);

    HttpResponse<String> response = http.get(QUERY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(response.body()).startsWith("<!DOCTYPE html>").contains("Service Unavailable");
  }

  @Test
  void truncatedJsonIsAComplete200ResponseWhoseBodyDoesNotParse() {
    sim.faults().script(FaultKind.TRUNCATED_JSON);

    HttpResponse<String> response = http.get(QUERY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"metadata\":");
    assertThatThrownBy(() -> Http.MAPPER.readTree(response.body())).isInstanceOf(IOException.class);
  }

  @Test
  void partialBodyBreaksOffBeforeTheAnnouncedContentLength() {
    sim.faults().script(FaultKind.PARTIAL_BODY);

    assertThatThrownBy(() -> http.getRaw(QUERY)).isInstanceOf(IOException.class);
    assertThat(http.get(QUERY).statusCode()).as("the server survives").isEqualTo(200);
  }

  @Test
  void connectionResetClosesTheConnectionWithoutSendingAByte() throws IOException {
    sim.faults().script(FaultKind.CONNECTION_RESET);

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sim.port())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              ("GET " + QUERY + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      int firstByte;
      try {
        firstByte = socket.getInputStream().read();
      } catch (java.net.SocketException reset) {
        firstByte = -1;
      }
      assertThat(firstByte).as("end of stream before any response byte").isEqualTo(-1);
    }
    assertThat(http.get(QUERY).statusCode()).isEqualTo(200);
  }

  @Test
  void connectionResetsSurfaceAsIoExceptionsInJavaHttpClientOnceItsRetryIsSpent() {
    // java.net.http retries an idempotent GET once when the connection closes before a response.
    sim.faults().script(FaultKind.CONNECTION_RESET, FaultKind.CONNECTION_RESET);

    assertThatThrownBy(() -> http.getRaw(QUERY)).isInstanceOf(IOException.class);
    assertThat(sim.requestLog())
        .extracting(e -> e.fault())
        .containsExactly("CONNECTION_RESET", "CONNECTION_RESET");
  }

  @Test
  void bomBodyIsTheRealBodyAfterAUtf8ByteOrderMark() throws Exception {
    byte[] plain = http.getBytes(QUERY).body();
    sim.faults().script(FaultKind.BOM_BODY);

    HttpResponse<byte[]> response = http.getBytes(QUERY);

    assertThat(response.statusCode()).isEqualTo(200);
    byte[] body = response.body();
    assertThat(java.util.Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    assertThat(java.util.Arrays.copyOfRange(body, 3, body.length)).isEqualTo(plain);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
    assertThat(sim.counters().byFault()).containsEntry("BOM_BODY", 1L);
  }

  @Test
  void bomBodyAlsoPrefixesErrorAnswersAndMetadata() {
    sim.faults().script(FaultKind.BOM_BODY, FaultKind.BOM_BODY);

    String error =
        new String(
            http.getBytes(QUERY.replace("9447130", "1234567")).body(),
            java.nio.charset.StandardCharsets.UTF_8);
    String metadata =
        new String(
            http.getBytes("/mdapi/prod/webapi/stations.json").body(),
            java.nio.charset.StandardCharsets.UTF_8);

    assertThat(error).startsWith("\uFEFF{\"error\"");
    assertThat(metadata).startsWith("\uFEFF{");
  }

  @Test
  void nonNumericValueReplacesTheValueOfOneRowWithNanAndKeepsTheRestOfTheBody() {
    String plain = http.get(QUERY).body();
    sim.faults().script(FaultKind.NON_NUMERIC_VALUE);

    HttpResponse<String> response = http.get(QUERY);

    assertThat(response.statusCode()).isEqualTo(200);
    var served = Http.json(response.body()).get("data");
    var expected = Http.json(plain).get("data");
    assertThat(served).hasSize(expected.size()).hasSize(61);
    List<Integer> changed = new java.util.ArrayList<>();
    for (int i = 0; i < served.size(); i++) {
      if (!served.get(i).equals(expected.get(i))) {
        changed.add(i);
      }
    }
    assertThat(changed).containsExactly(30);
    assertThat(served.get(30).get("v").asText()).isEqualTo("NaN");
    assertThat(served.get(30).get("t")).isEqualTo(expected.get(30).get("t"));
    assertThat(served.get(30).get("f")).isEqualTo(expected.get(30).get("f"));
    String row = "{\"t\":\"" + expected.get(30).get("t").asText() + "\", \"v\":\"";
    assertThat(response.body())
        .as("the rest of the body as served without the fault")
        .isEqualTo(plain.replace(row + expected.get(30).get("v").asText() + "\"", row + "NaN\""));
    assertThat(sim.counters().rows()).as("rows served whole").isEqualTo(2 * 61);
  }

  @Test
  void nonNumericValueOfWindHitsTheSpeed() {
    String wind = QUERY.replace("product=water_level&datum=MLLW", "product=wind");
    sim.faults().script(FaultKind.NON_NUMERIC_VALUE);

    var served = Http.json(http.get(wind).body()).get("data");

    assertThat(served.get(served.size() / 2).get("s").asText()).isEqualTo("NaN");
  }

  @Test
  void nonNumericValueLeavesAnErrorAnswerAsItIs() {
    String unknownStation = QUERY.replace("9447130", "1234567");
    String plain = http.get(unknownStation).body();
    sim.faults().script(FaultKind.NON_NUMERIC_VALUE);

    assertThat(http.get(unknownStation).body()).isEqualTo(plain);
  }

  @Test
  void closeAfterAnswerSendsTheWholeAnswerWithoutAnnouncingItThenClosesTheConnection()
      throws IOException {
    String plain = http.get(QUERY).body();
    sim.faults().setProbability(FaultKind.CLOSE_AFTER_ANSWER, 1.0);

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sim.port())) {
      socket.setSoTimeout(20_000); // generous: the machine may be busy
      socket
          .getOutputStream()
          .write(
              ("GET " + QUERY + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.InputStream in = socket.getInputStream();
      String head = readHead(in);
      long length =
          Long.parseLong(head.replaceAll("(?s).*\r\n[Cc]ontent-[Ll]ength: *(\\d+).*", "$1"));
      byte[] body = in.readNBytes((int) length);

      assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("connection:");
      assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(plain);
      int next;
      try {
        next = in.read();
      } catch (java.net.SocketException reset) {
        next = -1;
      }
      assertThat(next).as("the server closed the connection after the answer").isEqualTo(-1);
    }
    assertThat(sim.counters().byFault()).containsEntry("CLOSE_AFTER_ANSWER", 1L);
    assertThat(sim.counters().rows()).as("rows served whole").isEqualTo(2 * 61);
  }

  @Test
  void aKeepAliveClientMeetsTheClosedConnectionOnItsNextRequest() throws Exception {
    sim.faults().setProbability(FaultKind.CLOSE_AFTER_ANSWER, 1.0);

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", sim.port())) {
      socket.setSoTimeout(20_000); // generous: the machine may be busy
      java.io.InputStream in = socket.getInputStream();
      java.io.OutputStream out = socket.getOutputStream();
      byte[] request =
          ("GET " + QUERY + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      out.write(request);
      out.flush();
      String head = readHead(in);
      in.readNBytes(
          Integer.parseInt(head.replaceAll("(?s).*\r\n[Cc]ontent-[Ll]ength: *(\\d+).*", "$1")));

      int answer;
      try {
        out.write(request);
        out.flush();
        answer = in.read();
      } catch (java.net.SocketException closed) {
        answer = -1;
      }
      assertThat(answer).as("no answer on the reused connection").isEqualTo(-1);
    }
    assertThat(sim.requestLog()).as("the second request never reached the simulator").hasSize(1);
  }

  private static String readHead(java.io.InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Test
  void slowResponseOutlastsTheClientsReadTimeout() {
    sim.faults().setSlowDelay(Duration.ofSeconds(5));
    sim.faults().script(FaultKind.SLOW);

    assertThatThrownBy(() -> http.get(QUERY, Duration.ofMillis(300)))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void outageAnswersNoDataForEveryStationUntilItIsLifted() {
    sim.faults().setOutage(true);

    HttpResponse<String> seattle = http.get(QUERY);
    HttpResponse<String> keyWest = http.get(QUERY.replace("9447130", "8724580"));
    sim.faults().setOutage(false);
    HttpResponse<String> after = http.get(QUERY);

    assertThat(List.of(seattle, keyWest))
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.body())
                  .isEqualTo("{\"error\": {\"message\":\"" + NoaaApiException.NO_DATA + "\"}}\n");
            });
    assertThat(after.body()).startsWith("{\"metadata\":");
  }

  @Test
  void probabilityOneFailsEveryRequestAndZeroNone() {
    sim.faults().setProbability(FaultKind.HTTP_503, 1.0);
    assertThat(List.of(http.get(QUERY), http.get(QUERY)))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(503));

    sim.faults().setProbability(FaultKind.HTTP_503, 0.0);
    assertThat(http.get(QUERY).statusCode()).isEqualTo(200);
  }

  @Test
  void aProbabilityFailsAboutThatShareOfRequests() {
    FaultInjector injector = new FaultInjector(1);
    injector.setProbability(FaultKind.HTTP_504, 0.25);

    long failures =
        java.util.stream.IntStream.range(0, 4000)
            .mapToObj(i -> injector.next("c", Instant.EPOCH.plusSeconds(i)))
            .filter(k -> k == FaultKind.HTTP_504)
            .count();

    assertThat(failures).isBetween(900L, 1100L);
  }

  @Test
  void adminEndpointScriptsASequenceAndCountersRecordEachFault() {
    HttpResponse<String> set =
        http.post(
            "/admin/faults",
            "{\"sequence\":[\"HTTP_503\",\"NONE\",\"HTTP_429\"]," + "\"retryAfterSeconds\":2}");

    List<Integer> statuses =
        List.of(
            http.get(QUERY).statusCode(),
            http.get(QUERY).statusCode(),
            http.get(QUERY).statusCode(),
            http.get(QUERY).statusCode());
    Map<String, Long> byFault = sim.counters().byFault();

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(statuses).containsExactly(503, 200, 429, 200);
    assertThat(byFault)
        .containsEntry("HTTP_503", 1L)
        .containsEntry("HTTP_429", 1L)
        .containsEntry("NONE", 2L);
    assertThat(sim.counters().status(429)).isEqualTo(1);
  }

  @Test
  void adminEndpointSetsProbabilitiesAndOutageAndDeleteClearsThem() {
    http.post("/admin/faults", "{\"probabilities\":{\"HTTP_500\":1.0}}");
    assertThat(http.get(QUERY).statusCode()).isEqualTo(500);

    http.post("/admin/faults", "{\"probabilities\":{},\"outage\":true}");
    assertThat(http.get(QUERY).body()).contains(NoaaApiException.NO_DATA);

    http.delete("/admin/faults");
    assertThat(http.get(QUERY).body()).startsWith("{\"metadata\":");
  }

  @Test
  void adminEndpointRefusesNonsenseWithAClearMessage() {
    HttpResponse<String> unknown = http.post("/admin/faults", "{\"sequence\":[\"HTTP_999\"]}");
    HttpResponse<String> tooLikely =
        http.post("/admin/faults", "{\"probabilities\":{\"HTTP_500\":0.7," + "\"HTTP_503\":0.7}}");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("unknown fault 'HTTP_999'");
    assertThat(tooLikely.statusCode()).isEqualTo(400);
    assertThat(tooLikely.body()).contains("add up to");
  }

  @Test
  void adminEndpointTakesTheAnswerFaultsBySequenceAndProbability() {
    http.post(
        "/admin/faults",
        "{\"sequence\":[\"BOM_BODY\",\"NON_NUMERIC_VALUE\"],"
            + "\"probabilities\":{\"CLOSE_AFTER_ANSWER\":1.0}}");

    byte[] bom = http.getBytes(QUERY).body();
    String nan = http.get(QUERY).body();
    String closed = http.get(QUERY).body();

    assertThat(bom[0]).isEqualTo((byte) 0xEF);
    assertThat(nan).contains("\"v\":\"NaN\"");
    assertThat(closed).startsWith("{\"metadata\":").doesNotContain("NaN");
    assertThat(sim.counters().byFault())
        .containsEntry("BOM_BODY", 1L)
        .containsEntry("NON_NUMERIC_VALUE", 1L)
        .containsEntry("CLOSE_AFTER_ANSWER", 1L);
  }

  @Test
  void faultsNeverTouchAdminOrMetricsEndpoints() {
    sim.faults().setProbability(FaultKind.HTTP_500, 1.0);

    assertThat(http.get("/admin/health").statusCode()).isEqualTo(200);
    assertThat(http.get("/metrics").statusCode()).isEqualTo(200);
  }
}
