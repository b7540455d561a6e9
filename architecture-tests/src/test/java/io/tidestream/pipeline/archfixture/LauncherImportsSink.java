package io.tidestream.pipeline.archfixture;

/**
 * Breaks layering rule 4 on purpose (LayeringRulesTest): the launcher calling the sink's classes.
 */
public class LauncherImportsSink {
  io.tidestream.elastic.ElasticGeoSinkConnector sink;
}
