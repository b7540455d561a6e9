package io.tidestream.noaa.plan;

import java.time.Instant;

/**
 * One request's time range, both ends inclusive.
 *
 * @param revision true when re-polling already-sent rows for verified values
 */
public record Window(Instant begin, Instant end, boolean revision) {}
