package io.tidestream.elastic.geo;

/** A checked latitude/longitude pair in degrees. */
public record GeoPoint(double lat, double lon) {}
