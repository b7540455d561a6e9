package io.tidestream.noaa;

import io.tidestream.common.PluginVersion;
import io.tidestream.common.metrics.PluginMetricsLookup;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.client.NoaaClient;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.config.NoaaTaskConfig;
import io.tidestream.noaa.metrics.SourceMetrics;
import io.tidestream.noaa.offsets.UnitOffset;
import io.tidestream.noaa.pace.RequestSlots;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.task.Fetcher;
import io.tidestream.noaa.task.TaskComponents;
import io.tidestream.noaa.task.UnitScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls its share of the units; see {@link UnitScheduler} for the scheduling rules. */
public class NoaaSourceTask extends SourceTask {

  private static final Logger log = LoggerFactory.getLogger(NoaaSourceTask.class);
  static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);

  private final Clock clock;
  private final Duration maxPollWait;
  private NoaaClient client;
  private UnitScheduler scheduler;
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
    NoaaTaskConfig task = new NoaaTaskConfig(props);
    NoaaSourceConfig config = task.source();
    Instant now = clock.instant();
    List<UnitState> units = restore(config, task.units(), now);
    RequestSlots slots = task.slots(now);
    client = NoaaSourceConnector.client(config, clock);
    NoaaClient c = client;
    var breaker = TaskComponents.banBreaker(config, clock);
    SourceMetrics m =
        SourceMetrics.register(PluginMetricsLookup.forSourceTask(context), clock, units, breaker);
    metrics = m;
    Fetcher fetcher =
        new Fetcher() {
          @Override
          public CompletableFuture<ParsedResponse> fetch(DataRequest request) {
            return m.request(() -> c.fetch(request));
          }

          @Override
          public String url(DataRequest request) {
            return c.url(request).toString();
          }
        };
    scheduler =
        TaskComponents.of(config, clock)
            .units(units)
            .stations(task.stations())
            .fetcher(fetcher)
            .pacing(slots)
            .breaker(breaker)
            .events(m)
            .scheduler();
    log.info(
        "NOAA task {} of {} started: {} unit(s); {} request(s)/s for the whole connector "
            + "({} slots/s), this task's turn every {} (grace {}); in {} ms",
        slots.index(),
        slots.tasks(),
        units.size(),
        slots.rate(),
        RequestSlots.slotRate(slots.rate()),
        slots.taskPeriod(),
        slots.grace(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** Reads every unit's offset once; a stored offset that does not type-check stops the task. */
  private List<UnitState> restore(NoaaSourceConfig config, List<UnitId> ids, Instant now) {
    List<Map<String, String>> partitions = ids.stream().map(UnitId::partition).toList();
    Map<Map<String, String>, Map<String, Object>> stored =
        context == null || context.offsetStorageReader() == null
            ? Map.of()
            : context.offsetStorageReader().offsets(partitions);
    List<UnitState> units = new ArrayList<>();
    for (UnitId id : ids) {
      Map<String, Object> raw = stored == null ? null : stored.get(id.partition());
      if (raw == null) {
        units.add(TaskComponents.fresh(config, id, now));
        continue;
      }
      try {
        UnitOffset o = UnitOffset.fromMap(raw);
        units.add(new UnitState(id, o.watermark(), o.verifiedWatermark(), now));
      } catch (IllegalArgumentException e) {
        throw new ConnectException(
            "Stored offset of "
                + id
                + " is unusable: "
                + e.getMessage()
                + ". Fix or reset it with PATCH/DELETE /connectors/<name>/offsets",
            e);
      }
    }
    return units;
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    UnitScheduler s = scheduler;
    List<SourceRecord> records = s == null ? null : s.poll(maxPollWait);
    if (records != null) {
      metrics.emitted(records.size());
    }
    return records;
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** For tests. */
  Collection<UnitState> units() {
    return scheduler == null ? List.of() : scheduler.unitsForTest();
  }
}
