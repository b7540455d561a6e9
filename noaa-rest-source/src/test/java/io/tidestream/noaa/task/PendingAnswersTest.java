package io.tidestream.noaa.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.testing.ManualClock;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A backfill at a high rate, where NOAA answers faster than Connect takes the records: a task must
 * neither hold an unbounded number of answers nor hand Connect every answer's records in one poll
 * (30 days of 6-minute rows are 7,200 records per answer; 60 of them in one batch exhausted a 256
 * MB worker in the bench).
 */
class PendingAnswersTest {

  static final Instant NOW = Instant.parse("2026-01-10T00:00:00Z");
  static final int UNITS = 20;

  private final ManualClock clock = new ManualClock(NOW);
  private final FakeNoaa answers = new FakeNoaa(clock);
  private final List<Runnable> heldAnswers = new ArrayList<>();
  private UnitScheduler scheduler;

  @AfterEach
  void close() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  private UnitScheduler scheduler(Fetcher fetcher) {
    NoaaSourceConfig config =
        new NoaaSourceConfig(
            Map.of(NoaaSourceConfig.STATIONS, "9447130", NoaaSourceConfig.START, "P30D"));
    List<UnitState> units = new ArrayList<>();
    for (int i = 1; i <= UNITS; i++) {
      UnitId id = new UnitId(String.format("99%05d", i), NoaaProduct.WATER_LEVEL, "MLLW", null);
      units.add(TaskComponents.fresh(config, id, NOW));
    }
    scheduler = TaskComponents.of(config, clock).units(units).fetcher(fetcher).scheduler();
    return scheduler;
  }

  @Test
  void aTaskHoldsAFewAnswersAtATimeAndHandsConnectABoundedBatchPerPoll() throws Exception {
    List<CompletableFuture<ParsedResponse>> pending = new ArrayList<>();
    Fetcher held =
        new Fetcher() {
          @Override
          public CompletableFuture<ParsedResponse> fetch(DataRequest r) {
            CompletableFuture<ParsedResponse> answer = answers.fetch(r);
            CompletableFuture<ParsedResponse> f = new CompletableFuture<>();
            pending.add(f);
            // completed by the test, as NOAA's answers arrive
            answer.thenAccept(a -> heldAnswers.add(() -> f.complete(a)));
            return f;
          }

          @Override
          public String url(DataRequest r) {
            return answers.url(r);
          }
        };
    UnitScheduler s = scheduler(held);

    // unpaced, every unit is due: the task sends what it may without waiting for answers
    assertThat(s.poll(Duration.ZERO)).isNull();
    assertThat(pending)
        .as("requests in flight at once")
        .hasSizeLessThanOrEqualTo(UnitScheduler.MAX_PENDING_ANSWERS);

    // every answer arrives before Connect polls again, and so on until all units are answered
    int largest = 0;
    int records = 0;
    for (int i = 0; i < 200 && records < UNITS * 7_200; i++) {
      heldAnswers.forEach(Runnable::run);
      heldAnswers.clear();
      List<SourceRecord> batch = s.poll(Duration.ZERO);
      int n = batch == null ? 0 : batch.size();
      largest = Math.max(largest, n);
      records += n;
      assertThat(pending.stream().filter(f -> !f.isDone()).count() + heldAnswers.size())
          .as("answers held by the task")
          .isLessThanOrEqualTo(UnitScheduler.MAX_PENDING_ANSWERS);
    }
    assertThat(records).as("30 days of 6-minute rows of every unit").isEqualTo(UNITS * 7_200);
    assertThat(largest)
        .as("records handed to Connect in one poll")
        .isLessThanOrEqualTo(UnitScheduler.MAX_RECORDS_PER_POLL + 7_200);
  }
}
