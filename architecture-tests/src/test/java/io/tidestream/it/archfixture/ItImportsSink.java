package io.tidestream.it.archfixture;

/**
 * Breaks layering rule 4 on purpose (LayeringRulesTest): an integration test calling the sink's
 * classes.
 */
public class ItImportsSink {
  Object start() {
    return new io.tidestream.elastic.ElasticGeoSinkConnector();
  }
}
