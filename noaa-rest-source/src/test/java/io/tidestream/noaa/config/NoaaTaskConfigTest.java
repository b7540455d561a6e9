package io.tidestream.noaa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.plan.UnitId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class NoaaTaskConfigTest {

  static final UnitId SEATTLE = new UnitId("9447130", NoaaProduct.WATER_LEVEL, "MLLW", null);
  static final UnitId BOSTON = new UnitId("8443970", NoaaProduct.WATER_LEVEL, "MLLW", null);

  private static Map<String, String> connector() {
    Map<String, String> p = new HashMap<>();
    p.put(NoaaSourceConfig.STATIONS, "9447130,8443970");
    return p;
  }

  @Test
  void whatTheConnectorWritesTheTaskReadsBack() {
    Map<String, String> props =
        NoaaTaskConfig.forTask(
            connector(),
            List.of(BOSTON, SEATTLE),
            1,
            3,
            List.of(new StationMeta("9447130", "Seattle", 47.6, -122.3)));

    NoaaTaskConfig task = new NoaaTaskConfig(props);

    assertThat(task.units()).containsExactly(BOSTON, SEATTLE);
    assertThat(task.stations()).containsOnlyKeys("9447130");
    assertThat(task.stations().get("9447130").name()).isEqualTo("Seattle");
    assertThat(task.source().stations()).containsExactly("9447130", "8443970");
    assertThat(props)
        .containsEntry(NoaaTaskConfig.INDEX, "1")
        .containsEntry(NoaaTaskConfig.COUNT, "3");
  }

  @Test
  void aTaskWithoutUnitsSaysItIsConfiguredByTheConnector() {
    assertThatThrownBy(() -> new NoaaTaskConfig(connector()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining(NoaaTaskConfig.UNITS)
        .hasMessageContaining("configured by NoaaSourceConnector");
  }

  @Test
  void anInvalidConnectorKeyStopsTheTaskWithTheConfigProblem() {
    Map<String, String> props =
        NoaaTaskConfig.forTask(connector(), List.of(SEATTLE), 0, 1, List.of());
    props.put(NoaaSourceConfig.PRODUCTS, "not_a_product");

    assertThatThrownBy(() -> new NoaaTaskConfig(props))
        .isInstanceOf(ConnectException.class)
        .hasMessageStartingWith("Invalid NOAA source configuration: ")
        .hasMessageContaining("not_a_product");
  }

  @Test
  void unreadableStationMetadataIsIgnored() {
    Map<String, String> props =
        NoaaTaskConfig.forTask(connector(), List.of(SEATTLE), 0, 1, List.of());
    props.put(NoaaTaskConfig.STATIONS, "{not json");

    assertThat(new NoaaTaskConfig(props).stations()).isEmpty();
  }
}
