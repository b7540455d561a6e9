package io.tidestream.noaa.archfixture;

/** Breaks layering rule 2 on purpose (LayeringRulesTest): the source using the sink. */
public class SourceImportsSink {
  io.tidestream.elastic.ElasticGeoSinkConnector sink;
}
