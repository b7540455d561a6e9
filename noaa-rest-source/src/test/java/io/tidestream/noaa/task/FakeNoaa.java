package io.tidestream.noaa.task;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.parse.ParsedResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A synchronous stand-in for NOAA: by default it answers every window with one row per cadence step
 * (one minute for {@code one_minute_water_level}, an hour at {@code interval=h}, else six minutes;
 * inclusive ends, nothing after "now"), like the real API; tests can queue failures or special
 * answers per station/product.
 */
final class FakeNoaa implements Fetcher {

  final List<DataRequest> requests = new ArrayList<>();

  /** When each request was sent, by the clock. */
  final List<Instant> sentAt = new ArrayList<>();

  private final Map<String, Deque<Object>> scripted = new HashMap<>();
  private final Clock clock;
  Function<Instant, String> quality = t -> "preliminary";

  /** Observations exist up to now minus this delay. */
  Duration publishDelay = Duration.ZERO;

  FakeNoaa(Clock clock) {
    this.clock = clock;
  }

  static String key(String station, String product) {
    return station + "/" + product;
  }

  /** Queues answers (ParsedResponse or NoaaApiException) for the next requests of a unit. */
  FakeNoaa script(String station, String product, Object... answers) {
    Deque<Object> q = scripted.computeIfAbsent(key(station, product), k -> new ArrayDeque<>());
    q.addAll(List.of(answers));
    return this;
  }

  static NoaaApiException error(NoaaErrorKind kind, String message) {
    return new NoaaApiException(
        kind, 200, message, message, "{\"error\":{\"message\":\"" + message + "\"}}", null, null);
  }

  static NoaaApiException http(NoaaErrorKind kind, int status, Duration retryAfter) {
    return new NoaaApiException(kind, status, "HTTP " + status, null, "", retryAfter, null);
  }

  @Override
  public CompletableFuture<ParsedResponse> fetch(DataRequest r) {
    requests.add(r);
    sentAt.add(clock.instant());
    Deque<Object> q = scripted.get(key(r.station(), r.product().apiName()));
    Object answer = q == null || q.isEmpty() ? generate(r) : q.poll();
    if (answer instanceof NoaaApiException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture((ParsedResponse) answer);
  }

  private ParsedResponse generate(DataRequest r) {
    Duration step =
        r.interval() != null && r.interval().equals("h")
            ? Duration.ofHours(1)
            : r.product() == NoaaProduct.ONE_MINUTE_WATER_LEVEL
                ? Duration.ofMinutes(1)
                : Duration.ofMinutes(6);
    Instant last =
        r.product().isPrediction() ? r.end() : min(r.end(), clock.instant().minus(publishDelay));
    List<Observation> rows = new ArrayList<>();
    long stepMs = step.toMillis();
    long first = Math.floorDiv(r.begin().toEpochMilli() + stepMs - 1, stepMs) * stepMs;
    for (Instant t = Instant.ofEpochMilli(first); !t.isAfter(last); t = t.plus(step)) {
      rows.add(
          new Observation(
              t, value(t), 0.01, "0,0,0,0", quality.apply(t), null, null, null, null, null));
    }
    if (rows.isEmpty()) {
      return new ParsedResponse(null, List.of(), List.of());
    }
    StationMeta meta =
        r.product().isPrediction()
            ? null
            : new StationMeta(r.station(), "Station " + r.station(), 47.6, -122.3);
    return new ParsedResponse(meta, rows, List.of());
  }

  static double value(Instant t) {
    return (t.getEpochSecond() / 60 % 1000) / 100.0;
  }

  @Override
  public String url(DataRequest r) {
    return "http://127.0.0.1/datagetter?station="
        + r.station()
        + "&product="
        + r.product().apiName();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
