package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sink's settings come from the worker's validation answer (shape of Connect's REST API). */
class EffectiveSettingsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void readsEveryValueTheWorkerReportsDefaultsIncluded() throws Exception {
    Map<String, String> settings =
        SinkSettings.effectiveSettings(
            MAPPER.readTree(
                """
                {"name":"io.tidestream.elastic.ElasticGeoSinkConnector","error_count":0,"groups":[],"configs":[
                  {"definition":{"name":"bulk.max.actions","default_value":"1000"},
                   "value":{"name":"bulk.max.actions","value":"1000","recommended_values":[],"errors":[],"visible":true}},
                  {"definition":{"name":"bulk.max.in.flight.requests"},
                   "value":{"name":"bulk.max.in.flight.requests","value":"2","recommended_values":[],"errors":[],"visible":true}},
                  {"definition":{"name":"errors.deadletterqueue.topic.name"},
                   "value":{"name":"errors.deadletterqueue.topic.name","value":null,"recommended_values":[],"errors":[],"visible":true}}
                ]}\
                """));

    assertThat(SinkSettings.setting(settings, "bulk.max.actions")).isEqualTo("1000");
    assertThat(SinkSettings.setting(settings, "bulk.max.in.flight.requests")).isEqualTo("2");
    assertThat(settings).containsEntry("errors.deadletterqueue.topic.name", null);
    assertThatThrownBy(() -> SinkSettings.setting(settings, "bulk.max.bytes"))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("bulk.max.bytes");
  }

  @Test
  void aConfigurationTheSinkRefusesStopsTheBenchmarkWithTheSinksReason() throws Exception {
    assertThatThrownBy(
            () ->
                SinkSettings.effectiveSettings(
                    MAPPER.readTree(
                        """
                        {"configs":[{"value":{"name":"bulk.max.actions","value":"0","errors":["Value must be at least 1"]}}]}\
                        """)))
        .isInstanceOf(BenchException.class)
        .hasMessageContaining("bulk.max.actions: Value must be at least 1");
  }
}
