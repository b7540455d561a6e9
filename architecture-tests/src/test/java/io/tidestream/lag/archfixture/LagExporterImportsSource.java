package io.tidestream.lag.archfixture;

/**
 * Breaks layering rule 4 on purpose (LayeringRulesTest): the lag exporter calling the source's
 * classes.
 */
public class LagExporterImportsSource {
  io.tidestream.noaa.NoaaSourceConnector source;
}
