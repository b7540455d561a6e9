package io.tidestream.elastic.archfixture;

/** Breaks layering rule 2 on purpose (LayeringRulesTest): the sink using the source. */
public class SinkImportsSource {
  io.tidestream.noaa.NoaaSourceConnector source;
}
