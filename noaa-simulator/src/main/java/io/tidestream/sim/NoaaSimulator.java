package io.tidestream.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tidestream.sim.clock.SimulatorClock;
import io.tidestream.sim.data.DataGenerator;
import io.tidestream.sim.data.DataQuery;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.data.Station;
import io.tidestream.sim.data.StationCatalog;
import io.tidestream.sim.faults.FaultInjector;
import io.tidestream.sim.faults.FaultSettings;
import io.tidestream.sim.http.AdminHandler;
import io.tidestream.sim.http.ApiHandler;
import io.tidestream.sim.http.DataGetterService;
import io.tidestream.sim.http.MetadataService;
import io.tidestream.sim.http.NotFoundHandler;
import io.tidestream.sim.http.TextHandler;
import io.tidestream.sim.metrics.Counters;
import io.tidestream.sim.metrics.RequestLog;
import io.tidestream.sim.metrics.RequestLogEntry;
import io.tidestream.sim.metrics.SimulatorMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running NOAA CO-OPS API simulator. Start one with {@link #builder()}, stop it with {@link
 * #close()}:
 *
 * <pre>{@code
 * try (NoaaSimulator sim = NoaaSimulator.builder()
 *     .port(0).seed(42).clock(SimulatorClock.pinned(Instant.parse("2025-06-01T12:00:00Z")))
 *     .start()) {
 *   String url = sim.baseUrl() + "/api/prod/datagetter?...";
 *   sim.faults().script(FaultKind.HTTP_503, FaultKind.NONE);
 *   List<Map<String, String>> rows = sim.expectedRows("9447130", Product.WATER_LEVEL, from, to);
 * }
 * }</pre>
 */
public final class NoaaSimulator implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private final SimulatorClock clock;
  private final StationCatalog stations;
  private final DataGenerator generator;
  private final FaultInjector faults;
  private final SimulatorMetrics metrics;
  private final RequestLog requestLog;
  private final CountDownLatch closing = new CountDownLatch(1);

  private NoaaSimulator(Builder b) throws IOException {
    this.clock = b.clock;
    this.stations = StationCatalog.create(b.seed, b.extraStations);
    this.generator = new DataGenerator(b.seed, b.gapRate, b.verificationLag);
    this.faults = new FaultInjector(b.seed);
    this.faults.apply(b.faults);
    this.metrics = new SimulatorMetrics();
    this.requestLog = new RequestLog(b.requestLogCapacity);
    ObjectMapper mapper = new ObjectMapper();

    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 128);
    this.baseUrl = "http://" + hostForUrl(b.host) + ":" + server.getAddress().getPort();
    DataGetterService dataGetter = new DataGetterService(stations, generator, clock);
    MetadataService metadata = new MetadataService(stations, () -> baseUrl, mapper);
    ApiHandler api =
        new ApiHandler(dataGetter, metadata, faults, clock, metrics, requestLog, closing);
    server.createContext("/api/prod/datagetter", api);
    server.createContext(MetadataService.PREFIX + "/", api);
    server.createContext(
        "/admin/",
        new AdminHandler(faults, metrics, requestLog, clock, dataGetter, generator, mapper));
    server.createContext(
        "/metrics",
        new TextHandler("/metrics", "text/plain; version=0.0.4; charset=utf-8", metrics::scrape));
    server.createContext("/", new NotFoundHandler());
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://host:port}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorClock clock() {
    return clock;
  }

  public StationCatalog stations() {
    return stations;
  }

  public DataGenerator dataGenerator() {
    return generator;
  }

  /** Fault configuration, changeable while running. */
  public FaultInjector faults() {
    return faults;
  }

  public Counters counters() {
    return metrics.snapshot();
  }

  /** Requests served so far (data and metadata API only), oldest first. */
  public List<RequestLogEntry> requestLog() {
    return requestLog.entries();
  }

  /** Clears counters and the request log. */
  public void resetCounters() {
    metrics.reset();
    requestLog.clear();
  }

  /** The Prometheus text {@code /metrics} serves. */
  public String scrapeMetrics() {
    return metrics.scrape();
  }

  /**
   * The rows {@code GET /api/prod/datagetter} returns now for a GMT, metric, MLLW request of {@code
   * [from, to]} (both inclusive) with the product's default interval, gaps included; empty when
   * NOAA would answer "No data was found".
   */
  public List<Map<String, String>> expectedRows(
      String stationId, Product product, Instant from, Instant to) {
    Station station =
        stations
            .find(stationId)
            .orElseThrow(
                () -> new IllegalArgumentException("the simulator has no station " + stationId));
    return expectedRows(DataQuery.of(station, product, from, to));
  }

  /** The rows for any query; empty when NOAA would answer "No data was found". */
  public List<Map<String, String>> expectedRows(DataQuery query) {
    try {
      return generator.rows(query, clock.dataNow());
    } catch (NoaaApiException e) {
      return List.of();
    }
  }

  /** Stops listening; slow responses in progress are released and answer at once. */
  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    metrics.close();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "noaa-sim-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configuration of a simulator; {@link #start()} binds the port. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private long seed = 42;
    private SimulatorClock clock;
    private int extraStations;
    private double gapRate = 0.01;
    private Duration verificationLag = DataGenerator.DEFAULT_VERIFICATION_LAG;
    private FaultSettings faults = FaultSettings.none();
    private int requestLogCapacity = RequestLog.DEFAULT_CAPACITY;

    private Builder() {}

    /** Address to bind; default {@code 127.0.0.1}. */
    public Builder host(String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** Port to bind; default 0, an ephemeral port (see {@link NoaaSimulator#baseUrl()}). */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** Seed of all generated values, generated stations and fault rolls; default 42. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The simulator's clock; default {@link SimulatorClock#system()}. */
    public Builder clock(SimulatorClock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Generated stations ({@code 9900001}...) in addition to the five default ones; default 0. */
    public Builder extraStations(int value) {
      this.extraStations = value;
      return this;
    }

    /** Fraction of observation rows that are gaps; default 0.01. */
    public Builder gapRate(double value) {
      this.gapRate = value;
      return this;
    }

    /** Age after which observations are verified ({@code q="v"}); default 30 days. */
    public Builder verificationLag(Duration value) {
      this.verificationLag = Objects.requireNonNull(value, "verificationLag");
      return this;
    }

    /** Initial faults; default none. */
    public Builder faults(FaultSettings value) {
      this.faults = Objects.requireNonNull(value, "faults");
      return this;
    }

    /** How many requests the log keeps; default 10,000. */
    public Builder requestLogCapacity(int value) {
      this.requestLogCapacity = value;
      return this;
    }

    public NoaaSimulator start() {
      if (clock == null) {
        clock = SimulatorClock.system();
      }
      try {
        return new NoaaSimulator(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot start the NOAA simulator on " + host + ":" + port, e);
      }
    }
  }
}
