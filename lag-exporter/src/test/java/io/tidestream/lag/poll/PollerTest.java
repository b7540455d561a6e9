package io.tidestream.lag.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.lag.model.LagSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PollerTest {

  @Test
  void eachPollMovesTheStateOnAndAFailureKeepsTheLastSnapshot() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    LagSnapshot snapshot = new LagSnapshot(List.of(), List.of(), clock.instant());
    Deque<Object> answers =
        new ArrayDeque<>(List.of(snapshot, new TimeoutException("Kafka did not answer")));
    try (Poller poller =
        new Poller(
            () -> {
              Object next = answers.pop();
              if (next instanceof Exception e) {
                throw e;
              }
              return (LagSnapshot) next;
            },
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            "127.0.0.1:9092",
            clock)) {
      poller.pollOnce();
      assertThat(poller.state().lastPollOk()).isTrue();
      poller.pollOnce();
      assertThat(poller.state().lastPollOk()).isFalse();
      assertThat(poller.state().pollsFailed()).isEqualTo(1);
      assertThat(poller.state().served(clock.instant())).contains(snapshot);
    }
  }
}
