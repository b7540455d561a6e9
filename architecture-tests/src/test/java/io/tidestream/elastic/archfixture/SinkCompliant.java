package io.tidestream.elastic.archfixture;

/** Keeps every layering rule (LayeringRulesTest). */
public class SinkCompliant {
  io.tidestream.elastic.ElasticGeoSinkConnector connector;
}
