package io.tidestream.noaa.archfixture;

/**
 * Keeps every layering rule (LayeringRulesTest): the source may use connect-common and its own
 * code.
 */
public class SourceCompliant {
  io.tidestream.noaa.NoaaSourceConnector connector;
}
