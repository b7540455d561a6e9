package io.tidestream.lag.model;

/** A group the exporter watches, with the connector it belongs to and its member count. */
public record GroupSummary(String group, String connector, int members) {}
