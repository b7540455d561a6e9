package io.tidestream.bench.jmh.source;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.client.NoaaClient;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.parse.NoaaResponseParser;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.Planner;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.task.Fetcher;
import io.tidestream.noaa.task.TaskComponents;
import io.tidestream.noaa.task.UnitScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Answers one unit's request with one recorded NOAA body, through the task's own code: a fresh
 * {@link UnitScheduler} (wired by {@link TaskComponents} as for {@code NoaaSourceTask}: planner,
 * ban breaker, backoff) asks for the window after the unit's watermark, the fetcher parses the body
 * as {@link NoaaClient} does on its HTTP thread, and the task turns the rows into {@link
 * SourceRecord}s.
 *
 * <p>The clock stands at the last recorded row plus the safety lag and the watermark just before
 * the first row, so the planned window is exactly the recorded range and the unit is caught up
 * afterwards: each {@link #poll()} sends one request and returns every row. Not thread-safe.
 */
final class ResponseReplay implements AutoCloseable {

  private final NoaaSourceConfig config;
  private final NoaaResponseParser parser;
  private final NoaaClient urls;
  private final UnitId unit;
  private final byte[] body;
  private final Instant startWatermark;
  private final Clock clock;
  private final int rows;
  private final Fetcher fetcher =
      new Fetcher() {
        @Override
        public CompletableFuture<ParsedResponse> fetch(DataRequest request) {
          fetches++;
          try {
            return CompletableFuture.completedFuture(parser.parse(request.product(), body));
          } catch (NoaaApiException e) {
            return CompletableFuture.failedFuture(e);
          }
        }

        @Override
        public String url(DataRequest request) {
          return urls.url(request).toString();
        }
      };
  private int fetches;

  /**
   * @param props the source connector's configuration
   * @throws NoaaApiException when {@code body} is not a readable answer for {@code unit}
   */
  ResponseReplay(Map<String, String> props, UnitId unit, byte[] body) throws NoaaApiException {
    this.config = new NoaaSourceConfig(props);
    this.parser = new NoaaResponseParser();
    this.unit = unit;
    this.body = body;
    List<Observation> recorded = parser.parse(unit.product(), body).rows();
    if (recorded.isEmpty()) {
      throw new IllegalArgumentException("the recorded body for " + unit + " has no rows");
    }
    this.rows = recorded.size();
    this.startWatermark = Planner.initialWatermark(recorded.get(0).time());
    this.clock =
        Clock.fixed(recorded.get(rows - 1).time().plus(config.safetyLag()), ZoneOffset.UTC);
    this.urls =
        new NoaaClient(
            config.dataUrl(),
            config.metadataUrl(),
            config.application(),
            "tidestream-bench",
            config.connectTimeout(),
            config.readTimeout(),
            clock);
  }

  /** The records the task would emit for this answer. */
  List<SourceRecord> poll() throws InterruptedException {
    Instant now = clock.instant();
    UnitState state = new UnitState(unit, startWatermark, null, now);
    try (UnitScheduler engine =
        TaskComponents.of(config, clock).units(List.of(state)).fetcher(fetcher).scheduler()) {
      List<SourceRecord> records = engine.poll(Duration.ZERO);
      return records == null ? List.of() : records;
    }
  }

  /** Parses the body alone, as the HTTP callback does. */
  ParsedResponse parse() throws NoaaApiException {
    return parser.parse(unit.product(), body);
  }

  /** Rows in the recorded body. */
  int rows() {
    return rows;
  }

  /** Requests answered so far, for tests: one per {@link #poll()}. */
  int fetches() {
    return fetches;
  }

  @Override
  public void close() {
    urls.close();
  }
}
