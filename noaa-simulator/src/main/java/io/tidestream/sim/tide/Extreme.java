package io.tidestream.sim.tide;

import java.time.Instant;

/** A high or low water: when, how high (metres, same reference as the curve) and which kind. */
public record Extreme(Instant time, double height, boolean high) {}
