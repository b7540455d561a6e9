package io.tidestream.noaa;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.client.NoaaClient;
import io.tidestream.noaa.client.StationDirectory;
import io.tidestream.noaa.config.ConfigChecks;
import io.tidestream.noaa.config.MetadataCache;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.pace.SlotPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The metadata API for one {@code validate()} call: answers from the connector's {@link
 * MetadataCache} when it has them, else asked in the next request slot of the connector-wide
 * schedule (one at a time, never later than the time limit after the checks began), through a
 * short-lived client made on first use.
 */
final class ValidationLookup implements ConfigChecks.StationLookup, AutoCloseable {

  private final NoaaSourceConfig c;
  private final MetadataCache metadata;
  private final SlotPacer pacer;
  private final Clock clock;
  private final Duration timeLimit;
  private final String userAgent;
  private final Instant started;
  private final Instant deadline;
  private NoaaClient client;
  private int requests;

  ValidationLookup(
      NoaaSourceConfig c,
      MetadataCache metadata,
      SlotPacer pacer,
      Clock clock,
      Duration timeLimit,
      String userAgent) {
    this.c = c;
    this.metadata = metadata;
    this.pacer = pacer;
    this.clock = clock;
    this.timeLimit = timeLimit;
    this.userAgent = userAgent;
    this.started = clock.instant();
    this.deadline = started.plus(timeLimit);
  }

  /** Requests sent to NOAA so far (answers from the cache are not requests). */
  int requests() {
    return requests;
  }

  /** When the checks began. */
  Instant started() {
    return started;
  }

  @Override
  public List<StationDirectory.Listing> list(String type, Duration maxAge)
      throws NoaaApiException, ConfigChecks.OutOfTime, InterruptedException {
    return metadata.get(
        c.metadataUrl() + " list " + type,
        maxAge,
        () -> {
          awaitSlot();
          return directory().list(type);
        });
  }

  @Override
  public Optional<StationDirectory.Details> details(String id)
      throws NoaaApiException, ConfigChecks.OutOfTime, InterruptedException {
    return metadata.get(
        c.metadataUrl() + " station " + id,
        ConfigChecks.CACHE_TIME,
        () -> {
          awaitSlot();
          return directory().details(id);
        });
  }

  private void awaitSlot() throws ConfigChecks.OutOfTime, InterruptedException {
    if (!pacer.awaitSlotBefore(c.requestsPerSecond(), deadline)) {
      throw new ConfigChecks.OutOfTime(
          "at "
              + NoaaSourceConfig.REQUESTS_PER_SECOND
              + "="
              + c.requestsPerSecond()
              + " the next request would go more than "
              + timeLimit.toSeconds()
              + " s after validation began ("
              + requests
              + " request(s) sent)");
    }
    requests++;
  }

  private StationDirectory directory() {
    if (client == null) {
      client =
          new NoaaClient(
              c.dataUrl(),
              c.metadataUrl(),
              c.application(),
              userAgent,
              c.connectTimeout(),
              min(c.readTimeout(), Duration.ofSeconds(10)),
              clock);
    }
    return new StationDirectory(client);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
