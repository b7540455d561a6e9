package io.tidestream.noaa.api;

/** Station name and position; any part may be unknown (null). */
public record StationMeta(String id, String name, Double lat, Double lon) {}
