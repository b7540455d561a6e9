package io.tidestream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.StateDir;
import io.tidestream.pipeline.kafka.KafkaBroker;
import io.tidestream.pipeline.kafka.Topics;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.pipeline.process.Ports;
import io.tidestream.pipeline.sim.SimulatorProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The source backfill step: the NOAA simulator as a process of its own, the source connector from
 * its ZIP on the bench's worker (REST only) backfilling {@code --backfill-days} of {@code
 * --backfill-stations} x {@code --backfill-products}, until every unit has caught up; then the
 * simulator's request log is counted against the minimum by {@link BackfillCount}.
 */
final class SourceBackfill {

  static final String SOURCE_CLASS = "io.tidestream.noaa.NoaaSourceConnector";
  static final String CONNECTOR = "bench-backfill";
  static final String TOPIC_PREFIX = "bench.backfill.";
  private static final Duration RECORDS_WAIT = Duration.ofSeconds(60);

  private final SourceBackfillOptions options;
  private final ProjectHome home;
  private final StateDir state;
  private final KafkaBroker kafka;
  private final BenchTargets targets;
  private final JsonHttp http;
  private final PrintStream console;

  SourceBackfill(
      SourceBackfillOptions options,
      ProjectHome home,
      StateDir state,
      KafkaBroker kafka,
      BenchTargets targets,
      JsonHttp http,
      PrintStream console) {
    this.options = options;
    this.home = home;
    this.state = state;
    this.kafka = kafka;
    this.targets = targets;
    this.http = http;
    this.console = console;
  }

  BackfillResult run() {
    long t0 = System.nanoTime();
    console.printf(
        Locale.ROOT,
        "Source backfill: %d stations x %s, %d days, %s requests/s, %d tasks ...%n",
        options.stations,
        options.products,
        options.days,
        options.rate,
        options.tasks);
    SimulatorProcess sim =
        SimulatorProcess.start(
                new SimulatorProcess.Settings(
                    state.dir("simulator"),
                    Ports.free(),
                    home.simulatorClassPath(),
                    List.of("--stations", Integer.toString(options.stations)),
                    false,
                    state.log("simulator"),
                    state.pid("simulator")))
            .awaitReady(Duration.ofSeconds(60));
    try {
      List<String> topics = options.products.stream().map(p -> TOPIC_PREFIX + p).toList();
      try (Admin admin = kafka.admin()) {
        Topics.create(admin, topics, 2);
      }
      Map<String, String> config = connectorConfig(sim.url());
      config.put("name", CONNECTOR);
      Map<String, String> effective =
          SinkSettings.effectiveSettings(targets.connect().validate(SOURCE_CLASS, config));
      config.remove("name");
      BackfillCount.Plan plan =
          new BackfillCount.Plan(
              Instant.now(),
              Duration.ofMillis(Long.parseLong(effective.get("noaa.safety.lag.ms"))),
              Duration.ofMillis(Long.parseLong(effective.get("noaa.predictions.horizon.ms"))),
              units(),
              options.rate);
      targets.connect().putConnector(CONNECTOR, config);
      double catchUp = awaitCatchUp(sim.url(), plan);
      long rows = rowsServed(sim.url());
      long records = awaitRecords(topics, rows);
      targets.deleteConnector(CONNECTOR);
      BackfillResult.Requests counted = BackfillCount.count(plan, requestLog(sim.url()));
      BackfillResult result =
          new BackfillResult(
              options.stations,
              options.days,
              List.copyOf(options.products),
              options.tasks,
              counted,
              rowsServed(sim.url()),
              records,
              catchUp,
              (System.nanoTime() - t0) / 1e9);
      console.printf(
          Locale.ROOT,
          "Source backfill: %d data requests for a minimum of %d (%d repeated, %d units behind), %d"
              + " metadata requests, peak %d requests in 1 s at %s/s; %,d offsets written in %.0f"
              + " s.%n",
          counted.made(),
          counted.minimum(),
          counted.repeats(),
          counted.behind().size(),
          counted.metadata(),
          counted.peakOneSecond(),
          options.rate,
          records,
          result.seconds());
      return result;
    } finally {
      try {
        if (targets.connect().status(CONNECTOR) != null) {
          targets.deleteConnector(CONNECTOR);
        }
      } catch (RuntimeException e) {
        console.println("Source backfill: could not remove connector " + CONNECTOR + ": " + e);
      } finally {
        sim.stop();
      }
    }
  }

  /** The source's configuration: everything at its defaults except what the step is about. */
  Map<String, String> connectorConfig(String simulatorUrl) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", SOURCE_CLASS);
    c.put("tasks.max", Integer.toString(options.tasks));
    c.put("noaa.stations", String.join(",", stations()));
    c.put("noaa.products", String.join(",", options.products));
    c.put("noaa.start", "P" + options.days + "D");
    c.put("noaa.requests.per.second", Double.toString(options.rate));
    c.put("noaa.data.url", simulatorUrl + "/api/prod/datagetter");
    c.put("noaa.metadata.url", simulatorUrl + "/mdapi/prod/webapi");
    c.put("topic", TOPIC_PREFIX + "${product}");
    return c;
  }

  /** The simulator's generated stations 9900001, 9900002, ... */
  List<String> stations() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= options.stations; i++) {
      ids.add(String.format(Locale.ROOT, "99%05d", i));
    }
    return ids;
  }

  List<String> units() {
    List<String> units = new ArrayList<>();
    for (String s : stations()) {
      options.products.forEach(p -> units.add(s + "/" + p));
    }
    return units;
  }

  /** Seconds from the plan's creation until every unit caught up, or the timeout. */
  private double awaitCatchUp(String simUrl, BackfillCount.Plan plan) {
    long deadline = System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds).toNanos();
    while (true) {
      if (!targets.healthy(CONNECTOR)) {
        throw new BenchException("The source connector failed during the backfill step");
      }
      BackfillResult.Requests now = BackfillCount.count(plan, requestLog(simUrl));
      double took = Duration.between(plan.created(), Instant.now()).toMillis() / 1000.0;
      if (now.behind().isEmpty()) {
        return took;
      }
      if (System.nanoTime() > deadline) {
        console.printf(
            Locale.ROOT,
            "Source backfill: %d of %d units had not caught up after %d s.%n",
            now.behind().size(),
            now.units(),
            options.timeoutSeconds);
        return took;
      }
      IndexingWatch.sleep(Duration.ofSeconds(1));
    }
  }

  /**
   * Waits until the topics' offsets reach the rows served (or a minute); returns them. With the
   * worker's exactly-once source support, commit markers take offsets too.
   */
  private long awaitRecords(List<String> topics, long rows) {
    long deadline = System.nanoTime() + RECORDS_WAIT.toNanos();
    try (Admin admin = kafka.admin()) {
      while (true) {
        long records = Topics.records(admin, topics);
        if (records >= rows || System.nanoTime() > deadline) {
          return records;
        }
        IndexingWatch.sleep(Duration.ofMillis(500));
      }
    } catch (Exception e) {
      throw new BenchException("Cannot count the records of " + topics + ": " + e);
    }
  }

  private long rowsServed(String simUrl) {
    long rows = 0;
    for (JsonNode e : log(simUrl)) {
      rows += e.path("rows").asLong();
    }
    return rows;
  }

  private JsonNode log(String simUrl) {
    JsonHttp.Response r = http.get(simUrl + "/admin/requests");
    if (!r.ok()) {
      throw new BenchException(
          "The simulator's request log answered HTTP " + r.status() + ": " + r.body());
    }
    return r.json();
  }

  /** The simulator's request log: every request it received, oldest first. */
  private List<BackfillCount.Logged> requestLog(String simUrl) {
    List<BackfillCount.Logged> out = new ArrayList<>();
    for (JsonNode e : log(simUrl)) {
      String begin = e.path("begin").asText(null);
      String end = e.path("end").asText(null);
      boolean windowed = begin != null && end != null;
      out.add(
          new BackfillCount.Logged(
              Instant.parse(e.path("wallTime").asText()),
              windowed ? e.path("path").asText() : e.path("path").asText() + " (no window)",
              e.path("station").asText(null),
              e.path("product").asText(null),
              windowed ? Instant.parse(begin) : null,
              windowed ? Instant.parse(end) : null));
    }
    return out;
  }
}
