package io.tidestream.noaa.config;

/**
 * Renders the configuration reference committed as {@code docs/noaa-rest-source-config.rst}.
 * {@code ConfigDocsTest} fails when the committed file differs, so the docs cannot drift.
 */
public final class ConfigDocs {

  private ConfigDocs() {}

  public static String render() {
    return "..\n"
        + "   Generated from NoaaSourceConfig by io.tidestream.noaa.config.ConfigDocs;"
        + " do not edit.\n"
        + "   Regenerate: mvn -q -B -pl noaa-rest-source test -Dtest=ConfigDocsTest"
        + " -Dnoaa.docs.write=true\n\n"
        + "NOAA CO-OPS source connector configuration\n"
        + "==========================================\n\n"
        + "Connector class: ``io.tidestream.noaa.NoaaSourceConnector``. Durations are ISO-8601"
        + " (``PT6H``, ``P30D``).\n\n"
        + NoaaSourceConfig.configDef().toEnrichedRst();
  }

  public static void main(String[] args) {
    System.out.print(render());
  }
}
