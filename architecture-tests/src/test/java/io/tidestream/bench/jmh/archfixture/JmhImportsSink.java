package io.tidestream.bench.jmh.archfixture;

/**
 * Keeps every layering rule (LayeringRulesTest): the JMH microbenchmarks may call connector
 * internals.
 */
public class JmhImportsSink {
  io.tidestream.elastic.ElasticGeoSinkTask task;
}
