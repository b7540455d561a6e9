package io.tidestream.bench;

import java.util.List;

/**
 * What the source backfill step measured ({@code results.json} field {@code backfill}).
 *
 * @param stations stations of the backfill
 * @param days days back from the connector's creation ({@code noaa.start=P<days>D})
 * @param products the products of every station
 * @param tasks the source's {@code tasks.max}
 * @param requests the simulator's request log, counted
 * @param rowsServed rows in the simulator's data answers
 * @param offsetsWritten offsets written to the source's topics when the step ended: the records
 *     and, as the worker runs the source exactly once, one commit marker per transaction and
 *     partition
 * @param catchUpSeconds from the connector's creation until every unit had caught up
 * @param seconds the whole step, simulator start to connector removal
 */
record BackfillResult(
    int stations,
    int days,
    List<String> products,
    int tasks,
    Requests requests,
    long rowsServed,
    long offsetsWritten,
    double catchUpSeconds,
    double seconds) {

  /**
   * The request counts (see {@link BackfillCount}).
   *
   * @param units station x product
   * @param made backfill data requests of the units that caught up
   * @param minimum the fewest that cover the same units' backfills
   * @param repeats data requests that asked again for a window already asked for
   * @param tail data requests after a unit had caught up (new data)
   * @param metadata requests to the metadata API (validation, the station list at start)
   * @param unplanned data requests for a unit the backfill did not configure (should be 0)
   * @param behind units that had not caught up when the step ended
   * @param aboveMinimum units with more backfill requests than their minimum: "unit made/minimum"
   * @param peakOneSecond most requests (all kinds) that arrived within any 1 s
   * @param peakClockSecond most requests that arrived within one second of the clock
   * @param peakTenSeconds most requests that arrived within any 10 s
   * @param rate the connector's {@code noaa.requests.per.second}
   */
  record Requests(
      int units,
      long made,
      long minimum,
      long repeats,
      long tail,
      long metadata,
      long unplanned,
      List<String> behind,
      List<String> aboveMinimum,
      int peakOneSecond,
      int peakClockSecond,
      int peakTenSeconds,
      double rate) {

    /** The source's documented bound for any 1-s window: ceil(rate) + 1. */
    int oneSecondBound() {
      return (int) Math.ceil(rate) + 1;
    }

    /** The source's documented bound for any 10-s window: 10 x rate + 1. */
    double tenSecondBound() {
      return 10 * rate + 1;
    }

    /** Every unit caught up with the minimum number of requests and none was repeated. */
    boolean minimal() {
      return behind.isEmpty() && made == minimum && repeats == 0 && unplanned == 0;
    }

    /** The requests kept the connector's rate: the 1-s and 10-s bounds. */
    boolean withinRate() {
      return peakOneSecond <= oneSecondBound() && peakTenSeconds <= tenSecondBound();
    }
  }
}
