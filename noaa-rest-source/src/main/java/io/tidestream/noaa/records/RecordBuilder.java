package io.tidestream.noaa.records;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.Observation;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.offsets.UnitOffset;
import io.tidestream.noaa.plan.UnitId;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Where a NOAA row becomes a {@link SourceRecord}: topic, key (station id), value ({@link
 * RecordSchemas}), source partition (the unit), source offset (the unit's watermarks after this
 * row) and timestamp. Also the errors-topic record, which re-states the unit's offset and never
 * moves it. Pure: no state besides the schemas.
 */
public final class RecordBuilder {

  /** The errors-topic record kind of a row without a readable time. */
  public static final String MALFORMED_ROW = "MALFORMED_ROW";

  private final RecordSchemas schemas = new RecordSchemas();
  private final Function<NoaaProduct, String> topicFor;
  private final String units;
  private final String errorsTopic;

  /**
   * @param topicFor the data topic of a product
   * @param units NOAA's unit system ({@code metric}/{@code english}), stated in every record
   * @param errorsTopic the errors topic, empty for none
   */
  public RecordBuilder(Function<NoaaProduct, String> topicFor, String units, String errorsTopic) {
    this.topicFor = topicFor;
    this.units = units;
    this.errorsTopic = errorsTopic;
  }

  /** Whether errors-topic records are wanted. */
  public boolean errorsWanted() {
    return !errorsTopic.isEmpty();
  }

  /**
   * The record of row {@code o} of unit {@code id}.
   *
   * @param offset the unit's offset once this row is sent
   * @param station what is known of the station; may be null or partial
   */
  public SourceRecord observation(
      UnitId id, UnitOffset offset, StationMeta station, Observation o, Instant now) {
    return new SourceRecord(
        id.partition(),
        offset.toMap(),
        topicFor.apply(id.product()),
        null,
        Schema.STRING_SCHEMA,
        id.station(),
        schemas.schema(id.product().family()),
        schemas.toStruct(id, units, station, o),
        recordTimestamp(o.time(), now));
  }

  /**
   * A record for the errors topic; {@code kind} is the error kind or {@link #MALFORMED_ROW}.
   *
   * @param offset the unit's current offset (re-stated, not moved)
   */
  public SourceRecord error(
      UnitId id, UnitOffset offset, String url, NoaaApiException e, String kind, Instant now) {
    return new SourceRecord(
        id.partition(),
        offset.toMap(),
        errorsTopic,
        null,
        Schema.STRING_SCHEMA,
        id.station(),
        schemas.errorSchema(),
        schemas.toErrorStruct(id, url, e, kind, now),
        now.toEpochMilli());
  }

  /**
   * The Kafka record timestamp of a row observed (or predicted) at {@code t}: {@code t}, except for
   * rows in the future (predictions ahead), which get {@code now}. Brokers reject timestamps more
   * than {@code log.message.timestamp.after.max.ms} (1 hour by default in Kafka 4) ahead of their
   * clock, which would fail the task; the row's own time stays in the value's {@code time}.
   */
  public static long recordTimestamp(Instant t, Instant now) {
    return t.isAfter(now) ? now.toEpochMilli() : t.toEpochMilli();
  }
}
