package io.tidestream.it.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.sim.NoaaSimulator;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.metrics.RequestLogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the source ITs read back from Kafka and compare with the simulator (public for the cluster
 * fault scenario, which reads its topics the same way).
 */
public final class SourceChecks {

  private static final DateTimeFormatter NOAA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private SourceChecks() {}

  /** One series: a station and a product. */
  public record Unit(String station, String product) implements Comparable<Unit> {
    @Override
    public int compareTo(Unit o) {
      return (station + "/" + product).compareTo(o.station + "/" + o.product);
    }
  }

  /**
   * The observation times in the data topics, per unit, in topic order. A record that is not an
   * observation (no station, product or time in its payload) fails the test on the spot; only
   * coordinates are ever reported, never values.
   */
  public static Map<Unit, List<Instant>> timesByUnit(KafkaTool kafka, List<String> topics) {
    Map<Unit, List<Instant>> out = new TreeMap<>();
    recordsByUnit(kafka, topics)
        .forEach(
            (unit, payloads) ->
                out.put(
                    unit,
                    payloads.stream()
                        .map(p -> Instant.ofEpochMilli(p.path("time").asLong()))
                        .toList()));
    return out;
  }

  /**
   * The observation records' payloads in the data topics, per unit, in topic order; checked as in
   * {@link #timesByUnit}.
   */
  static Map<Unit, List<JsonNode>> recordsByUnit(KafkaTool kafka, List<String> topics) {
    Map<Unit, List<JsonNode>> out = new TreeMap<>();
    for (String topic : topics) {
      for (KafkaTool.Message m : kafka.readAll(topic, Duration.ofMinutes(2))) {
        JsonNode payload;
        try {
          payload = JsonHttp.MAPPER.readTree(m.value()).path("payload");
        } catch (IOException e) {
          throw new AssertionError(
              "a record on " + topic + " at offset " + m.offset() + " is not JSON", e);
        }
        String station = payload.path("station_id").asText(null);
        String product = payload.path("product").asText(null);
        assertThat(station)
            .as("station_id of the record on %s at offset %d", topic, m.offset())
            .isNotBlank();
        assertThat(product)
            .as("product of the record on %s at offset %d", topic, m.offset())
            .isNotBlank();
        assertThat(topic).as("topic of a %s record", product).endsWith("." + product);
        assertThat(m.key())
            .as("key of the record on %s at offset %d", topic, m.offset())
            .isEqualTo(station);
        assertThat(payload.path("time").isIntegralNumber())
            .as("time of the record on %s at offset %d", topic, m.offset())
            .isTrue();
        assertThat(payload.has("request_url") || payload.has("http_status"))
            .as("an error record on the data topic %s at offset %d", topic, m.offset())
            .isFalse();
        out.computeIfAbsent(new Unit(station, product), u -> new ArrayList<>()).add(payload);
      }
    }
    return out;
  }

  /**
   * The sum of one of our connectors' plugin metrics over both workers' Prometheus JMX exporters
   * ({@code kafka_connect_plugins_<name>}), over the series of {@code connector} whose labels
   * include every one of {@code labels} (e.g. {@code outcome="transient"}); 0 when there is none.
   */
  static double pluginMetric(
      List<String> exporterTargets, String name, String connector, String... labels) {
    JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
    String prefix = "kafka_connect_plugins_" + name + "{";
    double sum = 0;
    for (String target : exporterTargets) {
      for (String line : http.get("http://" + target + "/metrics").body().split("\n")) {
        if (line.startsWith(prefix)
            && line.contains("connector=\"" + connector + "\"")
            && Stream.of(labels).allMatch(line::contains)) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    }
    return sum;
  }

  /** The times the simulator serves for {@code [from, to]} (both inclusive), gaps included. */
  static List<Instant> expectedTimes(NoaaSimulator sim, Unit unit, Instant from, Instant to) {
    Product product = Product.fromApiName(unit.product()).orElseThrow();
    return sim.expectedRows(unit.station(), product, from, to).stream()
        .map(r -> LocalDateTime.parse(r.get("t"), NOAA_TIME).toInstant(ZoneOffset.UTC))
        .toList();
  }

  /**
   * Asserts that the unit's times are exactly the expected rows from {@code from} to its last time.
   */
  static void assertEveryRowOnce(NoaaSimulator sim, Unit unit, List<Instant> times, Instant from) {
    assertThat(times).as("%s: rows", unit).isNotEmpty();
    Instant last = times.stream().max(Instant::compareTo).orElseThrow();
    List<Instant> expected = expectedTimes(sim, unit, from, last);
    assertThat(times).as("%s: duplicates", unit).doesNotHaveDuplicates();
    assertThat(times.stream().sorted().toList())
        .as("%s: rows from %s to %s", unit, from, last)
        .isEqualTo(expected);
  }

  /** Data API requests in the simulator's log with {@code seq > after}. */
  static List<RequestLogEntry> dataRequests(NoaaSimulator sim, long after) {
    return sim.requestLog().stream()
        .filter(e -> e.path().startsWith("/api/prod/datagetter"))
        .filter(e -> e.seq() > after)
        .toList();
  }

  /**
   * The request budget: in every span of {@code seconds} seconds (by arrival), at most {@code
   * seconds * perSecond + 1} data requests (the limiter hands out one permit per period).
   */
  static void assertBudgetKept(List<RequestLogEntry> requests, double perSecond, int seconds) {
    List<Instant> arrivals =
        requests.stream().map(e -> Instant.parse(e.wallTime())).sorted().toList();
    long allowed = (long) Math.floor(seconds * perSecond) + 1;
    for (int i = 0; i < arrivals.size(); i++) {
      Instant end = arrivals.get(i).plusSeconds(seconds);
      long n = arrivals.subList(i, arrivals.size()).stream().filter(t -> t.isBefore(end)).count();
      assertThat(n)
          .as("data requests within %ss from %s (budget %s/s)", seconds, arrivals.get(i), perSecond)
          .isLessThanOrEqualTo(allowed);
    }
  }

  /**
   * Lines of the Connect workers' logs (under the harness's state directory) that contain all of
   * {@code parts}.
   */
  static List<String> workerLogLines(String... parts) {
    Path logs =
        Path.of(
                System.getProperty(
                    "tidestream.it.work",
                    Path.of(System.getProperty("tidestream.home", "."))
                        .resolve("integration-tests/target/it-servers")
                        .toString()))
            .resolve("logs");
    List<String> out = new ArrayList<>();
    for (String name : List.of("connect-1.log", "connect-2.log")) {
      Path log = logs.resolve(name);
      if (!Files.exists(log)) {
        continue;
      }
      try (Stream<String> lines = Files.lines(log)) {
        lines.filter(l -> Stream.of(parts).allMatch(l::contains)).forEach(out::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (UncheckedIOException e) {
        // a line cut mid-character while the worker writes: read what is readable next time
      }
    }
    return out;
  }
}
