package io.tidestream.common.archfixture;

/** Breaks layering rule 1 on purpose (LayeringRulesTest): connect-common using the sink. */
public class CommonImportsSink {
  io.tidestream.elastic.ElasticGeoSinkConnector sink;
}
