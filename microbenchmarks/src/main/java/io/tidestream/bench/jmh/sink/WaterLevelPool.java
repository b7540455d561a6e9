package io.tidestream.bench.jmh.sink;

import io.tidestream.bench.jmh.BenchResources;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.parse.NoaaResponseParser;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.records.RecordSchemas;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Distinct water_level record values exactly as the source connector builds them ({@link
 * RecordSchemas#toStruct}, configured by {@code config/noaa-source.json}): real rows of the
 * recorded Seattle January 2015 response, spread evenly over the month and dealt in turn to the
 * five stations of that configuration with their NOAA positions. Every value differs in station,
 * position, time and water level.
 */
final class WaterLevelPool {

  /**
   * The stations of {@code config/noaa-source.json}, in its order; positions from NOAA's metadata
   * API.
   */
  static final List<StationMeta> STATIONS =
      List.of(
          new StationMeta("8724580", "Key West", 24.5557, -81.8079),
          new StationMeta("8454000", "Providence", 41.807167, -71.400665),
          new StationMeta("9497645", "Prudhoe Bay", 70.41139, -148.53166),
          new StationMeta("9443090", "Neah Bay", 48.370724, -124.601585),
          new StationMeta("9447130", "Seattle", 47.60264, -122.3393));

  final String topic;
  final Schema schema;
  final String[] stationIds;
  final Struct[] values;

  /**
   * @param size how many values; at most the fixture's row count
   */
  WaterLevelPool(int size) {
    NoaaSourceConfig source =
        new NoaaSourceConfig(BenchResources.connectorConfig(BenchResources.SOURCE_CONFIG));
    List<String> configured = STATIONS.stream().map(StationMeta::id).toList();
    if (!source.stations().equals(configured)) {
      throw new IllegalStateException(
          "config/noaa-source.json now lists stations "
              + source.stations()
              + "; update WaterLevelPool.STATIONS (ids "
              + configured
              + ") with their NOAA positions");
    }
    List<Observation> rows;
    try {
      rows =
          new NoaaResponseParser()
              .parse(NoaaProduct.WATER_LEVEL, BenchResources.bytes(BenchResources.WATER_LEVEL_BODY))
              .rows();
    } catch (NoaaApiException e) {
      throw new IllegalStateException(
          "the recorded water_level body no longer parses: " + e.getMessage(), e);
    }
    if (rows.size() < size) {
      throw new IllegalArgumentException(
          "the recorded body has " + rows.size() + " rows, fewer than " + size);
    }
    RecordSchemas schemas = new RecordSchemas();
    topic = source.topicFor(NoaaProduct.WATER_LEVEL);
    schema = schemas.schema(NoaaProduct.WATER_LEVEL.family());
    stationIds = new String[size];
    values = new Struct[size];
    int stride = rows.size() / size;
    for (int i = 0; i < size; i++) {
      StationMeta station = STATIONS.get(i % STATIONS.size());
      UnitId unit =
          UnitId.of(
              station.id(),
              NoaaProduct.WATER_LEVEL,
              source.datum(),
              source.predictionsInterval(),
              source.metInterval());
      stationIds[i] = station.id();
      values[i] = schemas.toStruct(unit, source.units(), station, rows.get(i * stride));
    }
  }
}
