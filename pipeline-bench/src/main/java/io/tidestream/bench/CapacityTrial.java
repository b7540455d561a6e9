package io.tidestream.bench;

/**
 * One step of the streaming-capacity search: the bench's producer offered {@code offered} records
 * per second for {@code seconds} (after a warm-up) while the sink indexed them; {@code backlog*} is
 * records produced and not yet acknowledged by the engine at the window's start and end.
 */
record CapacityTrial(
    double offered,
    double seconds,
    double producedRate,
    double indexedRate,
    long backlogStart,
    long backlogEnd,
    boolean sustainable) {

  /** The producer must reach this share of the offered rate. */
  static final double PRODUCER_SHARE = 0.95;

  /**
   * The backlog may grow by at most this many seconds of the offered rate over the window: 3% of a
   * 15 s window. A run at load average 20-40 judged 1 s too loose: a trial indexing 96% of what
   * came in (backlog 1,095 to 5,782 in 15 s at 8,760/s) passed, though such a sink falls a minute
   * behind every half hour.
   */
  static final double BACKLOG_GROWTH_SECONDS = 0.5;

  /**
   * A trial from what was counted, judged: sustainable when the producer reached {@value
   * #PRODUCER_SHARE} of the offered rate and the backlog (produced, not yet acknowledged) grew by
   * at most {@value #BACKLOG_GROWTH_SECONDS} s of the offered rate, so the sink kept up with what
   * came in (a backlog that stays put is the pipeline's records in flight, not falling behind).
   */
  static CapacityTrial judge(
      double offered,
      double seconds,
      long produced,
      long indexed,
      long backlogStart,
      long backlogEnd) {
    double producedRate = produced / seconds;
    double indexedRate = indexed / seconds;
    boolean producerKeptUp = producedRate >= PRODUCER_SHARE * offered;
    boolean sinkKeptUp = backlogEnd - backlogStart <= BACKLOG_GROWTH_SECONDS * offered;
    return new CapacityTrial(
        offered,
        seconds,
        producedRate,
        indexedRate,
        backlogStart,
        backlogEnd,
        producerKeptUp && sinkKeptUp);
  }
}
