package io.tidestream.common.metrics;

import java.util.function.Supplier;

/** Records nothing. */
final class NoopTaskMetrics implements TaskMetrics {

  static final NoopTaskMetrics INSTANCE = new NoopTaskMetrics();

  private static final Meter METER = count -> {};
  private static final TaggedMeter TAGGED = (tag, count) -> {};
  private static final Timer TIMER = millis -> {};

  private NoopTaskMetrics() {}

  @Override
  public Meter meter(String name, String description) {
    return METER;
  }

  @Override
  public TaggedMeter meter(String name, String description, String tagKey) {
    return TAGGED;
  }

  @Override
  public Timer timer(String name, String description) {
    return TIMER;
  }

  @Override
  public Timer histogram(String name, String description, double maxMillis) {
    return TIMER;
  }

  @Override
  public void gauge(String name, String description, Supplier<? extends Number> value) {}

  @Override
  public void gauge(
      String name,
      String description,
      String tagKey,
      String tagValue,
      Supplier<? extends Number> value) {}

  @Override
  public boolean enabled() {
    return false;
  }
}
