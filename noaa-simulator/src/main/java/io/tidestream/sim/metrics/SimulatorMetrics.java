package io.tidestream.sim.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts API requests per endpoint, station, product, status and fault, for {@code /admin/counters}
 * (JSON) and {@code /metrics} (Prometheus text: {@code noaa_sim_requests_total}, {@code
 * noaa_sim_rows_total}, {@code noaa_sim_request_seconds}).
 */
public final class SimulatorMetrics {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LongAdder requests = new LongAdder();
  private final LongAdder rows = new LongAdder();
  private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byStation = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byProduct = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byFault = new ConcurrentHashMap<>();

  /** Records one API request; {@code station}/{@code product} may be null. */
  public void record(
      String endpoint,
      String station,
      String product,
      int status,
      String fault,
      int rowCount,
      Duration duration) {
    String stationTag = station == null || station.isBlank() ? "none" : station;
    String productTag = product == null || product.isBlank() ? "none" : product;
    requests.increment();
    rows.add(rowCount);
    increment(byEndpoint, endpoint);
    increment(byStation, stationTag);
    increment(byProduct, productTag);
    increment(byStatus, Integer.toString(status));
    increment(byFault, fault);
    Counter.builder("noaa_sim_requests")
        .description("Requests to the simulated NOAA data and metadata APIs")
        .tags(
            "endpoint",
            endpoint,
            "station",
            stationTag,
            "product",
            productTag,
            "status",
            Integer.toString(status),
            "fault",
            fault)
        .register(registry)
        .increment();
    if (rowCount > 0) {
      Counter.builder("noaa_sim_rows")
          .description("Data rows served by the datagetter")
          .tags("station", stationTag, "product", productTag)
          .register(registry)
          .increment(rowCount);
    }
    Timer.builder("noaa_sim_request")
        .description("Time to answer a request, faults included")
        .tags("endpoint", endpoint)
        .register(registry)
        .record(duration);
  }

  public Counters snapshot() {
    return new Counters(
        requests.sum(),
        rows.sum(),
        copy(byEndpoint),
        copy(byStation),
        copy(byProduct),
        copy(byStatus),
        copy(byFault));
  }

  /** Resets the JSON counters; Prometheus counters keep counting, as Prometheus expects. */
  public void reset() {
    requests.reset();
    rows.reset();
    byEndpoint.clear();
    byStation.clear();
    byProduct.clear();
    byStatus.clear();
    byFault.clear();
  }

  public String scrape() {
    return registry.scrape();
  }

  public void close() {
    registry.close();
  }

  private static void increment(Map<String, LongAdder> map, String key) {
    map.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> copy(Map<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
