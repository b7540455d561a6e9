package io.tidestream.common.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that moves only when a test says so; safe to read from other threads. The one test
 * clock of the project (shipped in connect-common's test-jar).
 */
public final class ManualClock extends Clock {

  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = start;
  }

  public ManualClock(long startMillis) {
    this(Instant.ofEpochMilli(startMillis));
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  public void advance(long millis) {
    advance(Duration.ofMillis(millis));
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public long millis() {
    return now.toEpochMilli();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
