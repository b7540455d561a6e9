package io.tidestream.it.archfixture;

/**
 * Keeps every layering rule (LayeringRulesTest): the connector as a class name for the REST API.
 */
public class ItCompliant {
  static final String SINK = "io.tidestream.elastic.ElasticGeoSinkConnector";
  io.tidestream.pipeline.kafka.ConnectRestClient connect;
}
