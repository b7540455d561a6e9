package io.tidestream.noaa;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.PluginVersion;
import io.tidestream.common.metrics.PluginMetricsLookup;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.client.NoaaClient;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.metrics.SourceMetrics;
import io.tidestream.noaa.offsets.UnitOffset;
import io.tidestream.noaa.pace.RequestSlots;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.Planner;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.task.Politeness;
import io.tidestream.noaa.task.PollEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls its share of the units; see {@link PollEngine} for the scheduling rules. */
public class NoaaSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(NoaaSourceTask.class);
  static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);

  private final Clock clock;
  private final Duration maxPollWait;
  private NoaaClient client;
  private PollEngine engine;
  private SourceMetrics metrics;

  public NoaaSourceTask() {
    this(Clock.systemUTC(), MAX_POLL_WAIT);
  }

  NoaaSourceTask(Clock clock, Duration maxPollWait) {
    this.clock = clock;
    this.maxPollWait = maxPollWait;
  }

  @Override
  public String version() {
    return PluginVersion.of(NoaaSourceConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    long t0 = System.nanoTime();
    NoaaSourceConfig config;
    try {
      config = new NoaaSourceConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException("Invalid NOAA source configuration: " + e.getMessage(), e);
    }
    List<UnitId> ids = unitsOf(props);
    Instant now = clock.instant();
    Instant initial = Planner.initialWatermark(config.start(now));
    Planner planner = new Planner(config.safetyLag(), config.lateness(),
        config.predictionsHorizon(), config.revisionsWindow(), config.revisionsInterval());
    List<UnitState> units = restore(ids, initial, planner, now);
    RequestSlots slots = slots(props, config, now);
    client = NoaaSourceConnector.client(config, clock);
    NoaaClient c = client;
    var breaker = Politeness.banBreaker("noaa-ban", config.banCooldown(), config.banCooldownMax(), clock);
    SourceMetrics m = SourceMetrics.register(PluginMetricsLookup.forSourceTask(context), clock, units, breaker);
    metrics = m;
    PollEngine.Fetcher fetcher = new PollEngine.Fetcher() {
      @Override
      public CompletableFuture<ParsedResponse> fetch(DataRequest request) {
        return m.request(() -> c.fetch(request));
      }

      @Override
      public String url(DataRequest request) {
        return c.url(request).toString();
      }
    };
    engine = new PollEngine(config, planner, units, stations(props), fetcher,
        slots, breaker,
        Politeness.retryBackoff(config.backoffInitial(), config.backoffMax()),
        clock, m);
    log.info("NOAA task {} of {} started: {} unit(s); {} request(s)/s for the whole connector "
            + "({} slots/s), this task's turn every {} (grace {}); in {} ms", slots.index(),
        slots.tasks(), units.size(), slots.rate(), RequestSlots.slotRate(slots.rate()),
        slots.taskPeriod(), slots.grace(), (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * This task's share of the connector-wide schedule: task {@code i} of {@code n} at the
   * connector's rate, its first slot after {@code now}. A task config written by a version that
   * gave each task its own rate (no index or count) runs alone at that rate until the connector
   * rewrites the task configs.
   */
  static RequestSlots slots(Map<String, String> props, NoaaSourceConfig config, Instant now) {
    String index = props.get(NoaaSourceConnector.TASK_INDEX);
    String count = props.get(NoaaSourceConnector.TASK_COUNT);
    if (index == null || count == null) {
      String legacy = props.get(NoaaSourceConnector.LEGACY_TASK_REQUESTS_PER_SECOND);
      double rate = legacy == null ? config.requestsPerSecond() : Double.parseDouble(legacy);
      return new RequestSlots(rate, 0, 1, now);
    }
    try {
      return new RequestSlots(config.requestsPerSecond(), Integer.parseInt(index.trim()),
          Integer.parseInt(count.trim()), now);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("Task config has an unusable " + NoaaSourceConnector.TASK_INDEX
          + "/" + NoaaSourceConnector.TASK_COUNT + " (" + index + "/" + count + "): "
          + e.getMessage() + "; tasks are configured by NoaaSourceConnector, not by hand", e);
    }
  }

  static List<UnitId> unitsOf(Map<String, String> props) {
    String keys = props.get(NoaaSourceConnector.TASK_UNITS);
    if (keys == null || keys.isBlank()) {
      throw new ConnectException("Task has no " + NoaaSourceConnector.TASK_UNITS
          + "; tasks are configured by NoaaSourceConnector, not by hand");
    }
    return Arrays.stream(keys.split(",")).map(String::trim).map(UnitId::parseKey).toList();
  }

  private Map<String, StationMeta> stations(Map<String, String> props) {
    String json = props.get(NoaaSourceConnector.TASK_STATIONS);
    Map<String, StationMeta> out = new HashMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    try {
      List<StationMeta> list = new ObjectMapper().readValue(json, new TypeReference<>() {});
      list.forEach(m -> out.put(m.id(), m));
    } catch (IOException e) {
      log.warn("Ignoring unreadable station metadata in the task config ({})", e.getMessage());
    }
    return out;
  }

  /** Reads every unit's offset once; a stored offset that does not type-check stops the task. */
  private List<UnitState> restore(List<UnitId> ids, Instant initial, Planner planner, Instant now) {
    List<Map<String, String>> partitions = ids.stream().map(UnitId::partition).toList();
    Map<Map<String, String>, Map<String, Object>> stored =
        context == null || context.offsetStorageReader() == null
            ? Map.of()
            : context.offsetStorageReader().offsets(partitions);
    List<UnitState> units = new ArrayList<>();
    for (UnitId id : ids) {
      Map<String, Object> raw = stored == null ? null : stored.get(id.partition());
      if (raw == null) {
        units.add(new UnitState(id, initial, planner.revises(id) ? initial : null, now));
        continue;
      }
      try {
        UnitOffset o = UnitOffset.fromMap(raw);
        units.add(new UnitState(id, o.watermark(), o.verifiedWatermark(), now));
      } catch (IllegalArgumentException e) {
        throw new ConnectException("Stored offset of " + id + " is unusable: " + e.getMessage()
            + ". Fix or reset it with PATCH/DELETE /connectors/<name>/offsets", e);
      }
    }
    return units;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    PollEngine e = engine;
    List<SourceRecord> records = e == null ? null : e.poll(maxPollWait);
    if (records != null) {
      metrics.emitted(records.size());
    }
    return records;
  }

  @Override
  public void stop() {
    if (engine != null) {
      engine.close();
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** For tests. */
  Collection<UnitState> units() {
    return engine == null ? List.of() : engine.unitsForTest();
  }
}
