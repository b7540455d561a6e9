package io.tidestream.sim.metrics;

/**
 * One request as the simulator saw it. {@code station}, {@code product} and the date parameters are
 * as sent (null when absent); {@code begin}/{@code end} are the resolved inclusive window in
 * ISO-8601 UTC when the request got that far. {@code application} is the caller's {@code
 * application} parameter, which NOAA asks every client to send.
 */
public record RequestLogEntry(
    long seq,
    String wallTime,
    String simTime,
    String method,
    String path,
    String query,
    String client,
    String application,
    String station,
    String product,
    String beginDate,
    String endDate,
    String range,
    String date,
    String begin,
    String end,
    int status,
    String fault,
    int rows,
    long durationMillis) {}
