package io.tidestream.elastic.testing;

import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** Records shaped like the tidestream NOAA source's water-level observations. */
public final class NoaaRecords {

  /** 2015-01-01T00:06:00Z. */
  public static final long T = 1_420_070_760_000L;

  public static final Schema SCHEMA =
      SchemaBuilder.struct()
          .name("io.tidestream.noaa.Observation")
          .field("station_id", Schema.STRING_SCHEMA)
          .field("station_name", Schema.STRING_SCHEMA)
          .field("lat", Schema.FLOAT64_SCHEMA)
          .field("lon", Schema.FLOAT64_SCHEMA)
          .field("product", Schema.STRING_SCHEMA)
          .field("time", Timestamp.SCHEMA)
          .field("value", Schema.OPTIONAL_FLOAT64_SCHEMA)
          .build();

  private NoaaRecords() {}

  public static Struct keyWest() {
    return new Struct(SCHEMA)
        .put("station_id", "8724580")
        .put("station_name", "Key West")
        .put("lat", 24.5508)
        .put("lon", -81.8081)
        .put("product", "water_level")
        .put("time", new Date(T))
        .put("value", 0.312);
  }
}
