package io.tidestream.noaa.records;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.ProductFamily;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.plan.UnitId;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * One Connect schema per product family. Common fields first (station, position, product, datum,
 * units, time), then the family's own. Every measured value is an optional float64: a gap is null,
 * never 0.
 */
public final class RecordSchemas {

  public static final String NAMESPACE = "io.tidestream.noaa.";

  private final Map<ProductFamily, Schema> schemas = new EnumMap<>(ProductFamily.class);
  private final Schema errorSchema;

  public RecordSchemas() {
    for (ProductFamily f : ProductFamily.values()) {
      schemas.put(f, build(f));
    }
    errorSchema =
        SchemaBuilder.struct()
            .name(NAMESPACE + "NoaaError")
            .version(1)
            .doc("A classified NOAA error, for auditing; never an observation.")
            .field("station_id", Schema.STRING_SCHEMA)
            .field("product", Schema.STRING_SCHEMA)
            .field("request_url", Schema.STRING_SCHEMA)
            .field("http_status", Schema.INT32_SCHEMA)
            .field("kind", Schema.STRING_SCHEMA)
            .field("noaa_message", Schema.OPTIONAL_STRING_SCHEMA)
            .field("description", Schema.OPTIONAL_STRING_SCHEMA)
            .field("body", Schema.OPTIONAL_STRING_SCHEMA)
            .field("time", Timestamp.SCHEMA)
            .build();
  }

  public Schema schema(ProductFamily family) {
    return schemas.get(family);
  }

  public Schema errorSchema() {
    return errorSchema;
  }

  private static Schema build(ProductFamily family) {
    SchemaBuilder b =
        SchemaBuilder.struct()
            .name(NAMESPACE + schemaName(family))
            .version(1)
            .field("station_id", Schema.STRING_SCHEMA)
            .field("station_name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("lat", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("lon", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("product", Schema.STRING_SCHEMA)
            .field("datum", Schema.OPTIONAL_STRING_SCHEMA)
            .field("units", Schema.STRING_SCHEMA)
            .field("interval", Schema.OPTIONAL_STRING_SCHEMA)
            .field("time", Timestamp.SCHEMA);
    switch (family) {
      case WATER_LEVEL ->
          b.field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("sigma", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("flags", Schema.OPTIONAL_STRING_SCHEMA)
              .field("quality", Schema.OPTIONAL_STRING_SCHEMA);
      case HOURLY_HEIGHT ->
          b.field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("sigma", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("flags", Schema.OPTIONAL_STRING_SCHEMA);
      case HIGH_LOW ->
          b.field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("type", Schema.OPTIONAL_STRING_SCHEMA)
              .field("flags", Schema.OPTIONAL_STRING_SCHEMA);
      case PREDICTIONS ->
          b.field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("type", Schema.OPTIONAL_STRING_SCHEMA);
      case WIND ->
          b.field("speed", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("direction_deg", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("direction_text", Schema.OPTIONAL_STRING_SCHEMA)
              .field("gust", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("flags", Schema.OPTIONAL_STRING_SCHEMA);
      case SCALAR ->
          b.field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
              .field("flags", Schema.OPTIONAL_STRING_SCHEMA);
    }
    return b.build();
  }

  private static String schemaName(ProductFamily family) {
    return switch (family) {
      case WATER_LEVEL -> "WaterLevel";
      case HOURLY_HEIGHT -> "HourlyHeight";
      case HIGH_LOW -> "HighLow";
      case PREDICTIONS -> "Prediction";
      case WIND -> "Wind";
      case SCALAR -> "Measurement";
    };
  }

  /** The value of one observation record. {@code station} may be null or partial. */
  public Struct toStruct(UnitId unit, String units, StationMeta station, Observation o) {
    ProductFamily family = unit.product().family();
    Struct s = new Struct(schemas.get(family));
    s.put("station_id", unit.station());
    if (station != null) {
      s.put("station_name", station.name());
      s.put("lat", station.lat());
      s.put("lon", station.lon());
    }
    s.put("product", unit.product().apiName());
    s.put("datum", unit.datum());
    s.put("units", units);
    s.put("interval", unit.interval());
    s.put("time", Date.from(o.time()));
    switch (family) {
      case WATER_LEVEL ->
          s.put("value", o.value())
              .put("sigma", o.sigma())
              .put("flags", o.flags())
              .put("quality", o.quality());
      case HOURLY_HEIGHT ->
          s.put("value", o.value()).put("sigma", o.sigma()).put("flags", o.flags());
      case HIGH_LOW -> s.put("value", o.value()).put("type", o.type()).put("flags", o.flags());
      case PREDICTIONS -> s.put("value", o.value()).put("type", o.type());
      case WIND ->
          s.put("speed", o.windSpeed())
              .put("direction_deg", o.windDirection())
              .put("direction_text", o.windDirectionText())
              .put("gust", o.windGust())
              .put("flags", o.flags());
      case SCALAR -> s.put("value", o.value()).put("flags", o.flags());
    }
    return s;
  }

  /** The value of an errors-topic record; {@code kind} is the error kind or MALFORMED_ROW. */
  public Struct toErrorStruct(
      UnitId unit, String url, NoaaApiException e, String kind, java.time.Instant at) {
    return new Struct(errorSchema)
        .put("station_id", unit.station())
        .put("product", unit.product().apiName())
        .put("request_url", url)
        .put("http_status", e.httpStatus())
        .put("kind", kind)
        .put("noaa_message", e.noaaMessage())
        .put("description", e.getMessage())
        .put("body", e.body())
        .put("time", Date.from(at));
  }
}
