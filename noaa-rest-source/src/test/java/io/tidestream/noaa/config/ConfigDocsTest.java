package io.tidestream.noaa.config;

import io.tidestream.common.config.ConfigDocs;
import io.tidestream.common.testing.ConfigDocsDrift;
import org.junit.jupiter.api.Test;

/** The committed config reference must equal what the code generates. */
class ConfigDocsTest {

  static final String REGENERATE =
      "./mvnw -q -B -pl noaa-rest-source -am test -Dtest=ConfigDocsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dnoaa.docs.write=true";

  static String render() {
    return ConfigDocs.render(
        "NOAA CO-OPS source connector configuration",
        NoaaSourceConfig.class,
        REGENERATE,
        "Connector class: ``io.tidestream.noaa.NoaaSourceConnector``. Durations are ``*.ms``"
            + " keys in milliseconds, as in Kafka (``86400000`` is a day). ``noaa.start`` is a"
            + " point in time, not a duration: an instant, a UTC date or an ISO-8601 period back"
            + " from the connector's first start (``P30D``).",
        NoaaSourceConfig.configDef());
  }

  @Test
  void committedConfigReferenceMatchesConfigDef() {
    ConfigDocsDrift.assertCommitted(
        ConfigDocsDrift.docFile("noaa-rest-source-config.rst"),
        render(),
        "noaa.docs.write",
        REGENERATE);
  }

  @Test
  void everyKeyIsDocumentedAndGrouped() {
    ConfigDocsDrift.assertEveryKeyDocumented(NoaaSourceConfig.configDef());
  }
}
