package io.tidestream.elastic.config;

/**
 * Renders the configuration reference committed as {@code docs/elastic-geo-sink-config.rst}.
 * {@code ConfigDocsTest} fails when the committed file differs, so the docs cannot drift.
 */
public final class ConfigDocs {

  private ConfigDocs() {}

  public static String render() {
    return "..\n"
        + "   Generated from ElasticGeoSinkConfig by io.tidestream.elastic.config.ConfigDocs; do not edit.\n"
        + "   Regenerate: mvn -q -B -pl elastic-geo-sink test -Dtest=ConfigDocsTest -Delastic.docs.write=true\n\n"
        + "Elasticsearch/OpenSearch geo sink connector configuration\n"
        + "=========================================================\n\n"
        + "Connector class: ``io.tidestream.elastic.ElasticGeoSinkConnector``. Dead-lettering (the default for "
        + "every kind of bad record) needs the worker's ``errors.tolerance=all`` and "
        + "``errors.deadletterqueue.topic.name``; without them the connector refuses to start and says which keys "
        + "ask for it.\n\n"
        + ElasticGeoSinkConfig.configDef().toEnrichedRst();
  }

  public static void main(String[] args) {
    System.out.print(render());
  }
}
