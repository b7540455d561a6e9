package io.tidestream.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.pipeline.BuildInfo;
import org.junit.jupiter.api.Test;

class EngineKindTest {

  @Test
  void usersNameEnginesByFamilyAndMajorVersion() {
    assertThat(EngineKind.fromId("OpenSearch-3")).isEqualTo(EngineKind.OPENSEARCH_3);
    assertThat(EngineKind.fromId("elasticsearch-8")).isEqualTo(EngineKind.ELASTICSEARCH_8);
  }

  @Test
  void anUnknownEngineListsTheChoices() {
    assertThatThrownBy(() -> EngineKind.fromId("solr"))
        .hasMessage(
            "Unknown engine 'solr': choose one of opensearch-2, opensearch-3, elasticsearch-7, "
                + "elasticsearch-8, elasticsearch-9");
  }

  @Test
  void coordinatesPointAtTheIntegTestZipOfTheBuildsVersion() {
    BuildInfo build = BuildInfo.load();
    assertThat(EngineKind.ELASTICSEARCH_9.coordinates(build))
        .isEqualTo(
            "org.elasticsearch.distribution.integ-test-zip:elasticsearch:"
                + build.engineVersion("elasticsearch9.version")
                + ":zip");
    assertThat(EngineKind.OPENSEARCH_2.version(build)).matches("2\\.\\d+\\.\\d+");
  }

  @Test
  void onlyElasticsearch8And9NeedSecurityTurnedOff() {
    assertThat(EngineKind.ELASTICSEARCH_8.extraSettings())
        .containsExactly("xpack.security.enabled=false");
    assertThat(EngineKind.OPENSEARCH_2.extraSettings()).isEmpty();
    assertThat(EngineKind.ELASTICSEARCH_7.extraSettings()).isEmpty();
  }
}
