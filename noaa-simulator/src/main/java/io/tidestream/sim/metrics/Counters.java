package io.tidestream.sim.metrics;

import java.util.Map;

/**
 * A snapshot of the request counters. Keys of the maps are station ids, product names, HTTP status
 * codes and fault names; only data and metadata API requests are counted.
 */
public record Counters(
    long requests,
    long rows,
    Map<String, Long> byEndpoint,
    Map<String, Long> byStation,
    Map<String, Long> byProduct,
    Map<String, Long> byStatus,
    Map<String, Long> byFault) {

  public long station(String id) {
    return byStation.getOrDefault(id, 0L);
  }

  public long product(String name) {
    return byProduct.getOrDefault(name, 0L);
  }

  public long status(int code) {
    return byStatus.getOrDefault(Integer.toString(code), 0L);
  }

  public long fault(String name) {
    return byFault.getOrDefault(name, 0L);
  }
}
