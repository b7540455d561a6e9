package io.tidestream.noaa.pace;

import java.time.Duration;
import java.time.Instant;

/**
 * When a task may send its next request to NOAA. {@link RequestSlots} is the connector's schedule;
 * the poll engine asks it before every request and tells it about every request sent.
 */
public interface Pacing {

  /**
   * The instant this task may send its next request: {@code now} when it may send at once, else the
   * start of its next turn.
   *
   * @param slowDown use only every {@code slowDown}-th turn (1 = every turn; more after a 429)
   */
  Instant nextTurn(Instant now, int slowDown);

  /** Records a request sent at {@code now}, in the turn {@link #nextTurn} just granted. */
  void sent(Instant now);

  /** How many tasks share the connector's rate (for log lines). */
  int tasks();

  /** Time between two turns of this task at the full rate (for log lines). */
  Duration taskPeriod();

  /**
   * Lets every request go at once: for measuring the poll path alone (JMH) and for tests about
   * other things.
   */
  Pacing UNPACED =
      new Pacing() {
        @Override
        public Instant nextTurn(Instant now, int slowDown) {
          return now;
        }

        @Override
        public void sent(Instant now) {}

        @Override
        public int tasks() {
          return 1;
        }

        @Override
        public Duration taskPeriod() {
          return Duration.ZERO;
        }
      };
}
