package io.tidestream.noaa;

import io.tidestream.common.PluginVersion;
import io.tidestream.common.config.ConfigValues;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.client.NoaaClient;
import io.tidestream.noaa.client.StationDirectory;
import io.tidestream.noaa.config.ConfigChecks;
import io.tidestream.noaa.config.MetadataCache;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.config.NoaaTaskConfig;
import io.tidestream.noaa.config.RenamedKeys;
import io.tidestream.noaa.offsets.UnitOffset;
import io.tidestream.noaa.pace.RequestSlots;
import io.tidestream.noaa.pace.SlotPacer;
import io.tidestream.noaa.plan.UnitId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams NOAA CO-OPS observations and predictions. Work units (station x product) are sorted and
 * spread over {@code tasks.max} with {@link ConnectorUtils#groupPartitions}; each unit is polled by
 * exactly one task. The tasks take turns in one connector-wide schedule of request slots ({@link
 * RequestSlots}): task {@code i} of {@code n} owns every {@code n}-th slot.
 */
public class NoaaSourceConnector extends SourceConnector {

  private static final Logger log = LoggerFactory.getLogger(NoaaSourceConnector.class);
  static final String USER_AGENT_PREFIX = "tidestream-noaa-rest-source/";

  /** How soon discovery is retried while it has never succeeded. */
  static final Duration DISCOVERY_RETRY = Duration.ofMinutes(1);

  /** Metadata requests of validate() go in request slots starting within this time. */
  static final Duration VALIDATION_TIME_LIMIT = Duration.ofSeconds(30);

  /** Longest wait of start() and discovery for a request slot (only at rates below 0.1/s). */
  static final Duration START_WAIT_LIMIT = Duration.ofSeconds(10);

  private final Clock clock;

  /** The connector's own metadata requests take slots of the tasks' grid, one at a time. */
  private final SlotPacer pacer;

  /** Metadata answers of validate(): Connect reuses one instance per class for validation. */
  private final MetadataCache metadata;

  private Map<String, String> props;
  private NoaaSourceConfig config;
  private NoaaClient client;
  private volatile List<String> stations = List.of();
  private volatile Map<String, StationMeta> stationMeta = Map.of();
  private StationDirectory directory;
  private volatile ScheduledExecutorService discovery;

  public NoaaSourceConnector() {
    this(Clock.systemUTC(), SlotPacer.Sleeper.REAL);
  }

  NoaaSourceConnector(Clock clock, SlotPacer.Sleeper sleeper) {
    this.clock = clock;
    this.pacer = new SlotPacer(clock, sleeper);
    this.metadata = new MetadataCache(clock, ConfigChecks.CACHE_TIME);
  }

  @Override
  public String version() {
    return PluginVersion.of(NoaaSourceConnector.class);
  }

  static String userAgent() {
    return USER_AGENT_PREFIX
        + PluginVersion.of(NoaaSourceConnector.class)
        + " (+https://github.com/tidestream/tidestream)";
  }

  static NoaaClient client(NoaaSourceConfig c, Clock clock) {
    return new NoaaClient(
        c.dataUrl(),
        c.metadataUrl(),
        c.application(),
        userAgent(),
        c.connectTimeout(),
        c.readTimeout(),
        clock);
  }

  @Override
  public void start(Map<String, String> props) {
    long t0 = System.nanoTime();
    this.props = Map.copyOf(props);
    String renamed = RenamedKeys.summary(props);
    if (renamed != null) {
      throw new ConnectException("Invalid NOAA source configuration: " + renamed);
    }
    try {
      this.config = new NoaaSourceConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException("Invalid NOAA source configuration: " + e.getMessage(), e);
    }
    if (config.stations().isEmpty() && config.discoverType().isEmpty()) {
      throw new ConnectException(
          "No stations: set "
              + NoaaSourceConfig.STATIONS
              + " or "
              + NoaaSourceConfig.DISCOVER_TYPE);
    }
    client = client(config, clock);
    StationDirectory dir = new StationDirectory(client);
    directory = dir;
    if (!config.discoverType().isEmpty()) {
      try {
        stations = discover(dir);
      } catch (NoaaApiException e) {
        log.warn(
            "Cannot discover stations of type '{}' from NOAA's metadata API at {} ({}); "
                + "starting without tasks and trying again every {}. Check {} and the network.",
            config.discoverType(),
            config.metadataUrl(),
            e.getMessage(),
            DISCOVERY_RETRY,
            NoaaSourceConfig.METADATA_URL);
      }
      discovery =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "noaa-station-discovery");
                t.setDaemon(true);
                return t;
              });
      scheduleDiscovery();
    } else {
      stations = config.stations().stream().distinct().sorted().toList();
      stationMeta = knownMeta(dir, stations);
    }
    log.info(
        "NOAA source started with {} station(s) x {} product(s) in {} ms",
        stations.size(),
        config.products().size(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private List<String> discover(StationDirectory dir) throws NoaaApiException {
    Map<String, StationMeta> meta = new HashMap<>();
    for (StationDirectory.Listing l : pacedList(dir, config.discoverType())) {
      if (l.meta().id() != null
          && (config.discoverState().isEmpty() || config.discoverState().equals(l.state()))) {
        meta.put(l.meta().id(), l.meta());
      }
    }
    stationMeta = Map.copyOf(meta);
    return meta.keySet().stream().sorted().toList();
  }

  /** Next round after the discovery interval, or soon while no station is known yet. */
  private void scheduleDiscovery() {
    Duration delay = stations.isEmpty() ? DISCOVERY_RETRY : config.discoverInterval();
    ScheduledExecutorService executor = discovery;
    if (executor != null && !executor.isShutdown()) {
      executor.schedule(
          () -> {
            rediscover(directory);
            scheduleDiscovery();
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** Runs one discovery round now (the scheduler does it every discovery interval). */
  void rediscoverNow() {
    rediscover(directory);
  }

  private synchronized void rediscover(StationDirectory dir) {
    try {
      List<String> before = stations;
      List<String> now = discover(dir);
      if (!now.equals(before)) {
        stations = now;
        log.info(
            "NOAA station list changed ({} -> {} stations); asking Connect to reconfigure "
                + "the tasks",
            before.size(),
            now.size());
        context.requestTaskReconfiguration();
      }
    } catch (NoaaApiException | RuntimeException e) {
      log.warn(
          "Station discovery failed; keeping the current {} stations ({})",
          stations.size(),
          e.getMessage());
    }
  }

  /** Names and positions from one stations.json call; missing ones come from data responses. */
  private Map<String, StationMeta> knownMeta(StationDirectory dir, List<String> ids) {
    try {
      Map<String, StationMeta> out = new HashMap<>();
      for (StationDirectory.Listing l : pacedList(dir, "")) {
        if (l.meta().id() != null && ids.contains(l.meta().id())) {
          out.put(l.meta().id(), l.meta());
        }
      }
      return out;
    } catch (NoaaApiException | RuntimeException e) {
      log.warn(
          "Could not read station names and positions from NOAA's metadata API ({}); "
              + "records get them from data responses where NOAA sends them",
          e.getMessage());
      return Map.of();
    }
  }

  /** A station list, asked for in the next request slot of the connector-wide schedule. */
  private List<StationDirectory.Listing> pacedList(StationDirectory dir, String type)
      throws NoaaApiException {
    try {
      pacer.awaitSlotAtMost(config.requestsPerSecond(), START_WAIT_LIMIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("Interrupted while waiting to ask NOAA's metadata API", e);
    }
    return dir.list(type);
  }

  /** Every unit of this connector, sorted. */
  static List<UnitId> units(NoaaSourceConfig c, List<String> stations) {
    List<UnitId> units = new ArrayList<>();
    for (String s : stations) {
      for (NoaaProduct p : c.products()) {
        units.add(UnitId.of(s, p, c.datum(), c.predictionsInterval(), c.metInterval()));
      }
    }
    units.sort(null);
    return units;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return NoaaSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<UnitId> units = units(config, stations);
    if (units.isEmpty()) {
      log.warn("No work units (no stations found); starting no tasks");
      return List.of();
    }
    int groups = Math.min(maxTasks, units.size());
    List<List<UnitId>> grouped = ConnectorUtils.groupPartitions(units, groups);
    List<Map<String, String>> out = new ArrayList<>();
    for (int i = 0; i < grouped.size(); i++) {
      List<UnitId> group = grouped.get(i);
      List<StationMeta> meta =
          group.stream()
              .map(UnitId::station)
              .distinct()
              .map(stationMeta::get)
              .filter(Objects::nonNull)
              .toList();
      out.add(NoaaTaskConfig.forTask(props, group, i, grouped.size(), meta));
    }
    return out;
  }

  @Override
  public void stop() {
    if (discovery != null) {
      discovery.shutdownNow();
      discovery = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public ConfigDef config() {
    return NoaaSourceConfig.configDef();
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config result = super.validate(connectorConfigs);
    Map<String, ConfigValue> byName = new HashMap<>();
    result.configValues().forEach(v -> byName.put(v.name(), v));
    ConfigValues.explainMillis(byName, connectorConfigs);
    RenamedKeys.check(connectorConfigs, byName);
    if (ConfigChecks.hasErrors(byName)) {
      return new Config(new ArrayList<>(byName.values()));
    }
    NoaaSourceConfig c = new NoaaSourceConfig(connectorConfigs);
    ConfigChecks.crossField(c, byName, clock.instant());
    if (!ConfigChecks.hasErrors(byName) && c.validateNetwork()) {
      try (ValidationLookup lookup =
          new ValidationLookup(c, metadata, pacer, clock, VALIDATION_TIME_LIMIT, userAgent())) {
        ConfigChecks.network(c, byName, lookup);
        if (lookup.requests() > 0) {
          log.info(
              "Checked the configuration against NOAA's metadata API with {} request(s) "
                  + "in {} ms (answers are kept for {})",
              lookup.requests(),
              Duration.between(lookup.started(), clock.instant()).toMillis(),
              ConfigChecks.CACHE_TIME);
        }
      }
    }
    return new Config(new ArrayList<>(byName.values()));
  }

  /** Offsets fully determine the next request, and records are a pure function of NOAA data. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Transactions follow poll() batches; the connector defines no boundaries of its own. */
  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(
      Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  /**
   * Lets an operator rewind or fast-forward one unit through {@code PATCH
   * /connectors/{name}/offsets}: the partition must name a known product and a station id, the
   * offset must be {@code {"v":1,"wm":<epoch millis on a whole minute>}} or null (reset).
   */
  @Override
  public boolean alterOffsets(
      Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    Set<Map<String, String>> known = configuredPartitions(connectorConfig);
    for (Map.Entry<Map<String, ?>, Map<String, ?>> e : offsets.entrySet()) {
      try {
        UnitOffset.checkPartition(e.getKey());
        if (known != null && !known.contains(e.getKey())) {
          throw new IllegalArgumentException(
              "it is not one of this connector's units; they are "
                  + known.stream().map(Object::toString).sorted().toList());
        }
        if (e.getValue() != null) {
          UnitOffset.fromMap(e.getValue());
        }
      } catch (IllegalArgumentException bad) {
        throw new ConnectException(
            "Cannot alter the offset of partition " + e.getKey() + ": " + bad.getMessage(), bad);
      }
    }
    return true;
  }

  /** The partitions of an explicit station list; null when stations are discovered. */
  private static Set<Map<String, String>> configuredPartitions(Map<String, String> props) {
    NoaaSourceConfig c;
    try {
      c = new NoaaSourceConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException(
          "The connector's configuration is invalid, so its offsets "
              + "cannot be checked: "
              + e.getMessage(),
          e);
    }
    if (c.stations().isEmpty()) {
      return null;
    }
    return units(c, c.stations()).stream().map(UnitId::partition).collect(Collectors.toSet());
  }
}
