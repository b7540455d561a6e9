package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.BUFFER_MAX_BYTES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.BUFFER_MAX_RECORDS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.BULK_IN_FLIGHT;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.BULK_LINGER;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.BULK_MAX_ACTIONS;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.BULK_MAX_BYTES;
import static io.tidestream.elastic.config.ElasticGeoSinkConfig.GROUP_BULK;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Bulk writing group: batch size, linger, requests in flight and the task's buffer bounds. */
final class BulkConfigs {

  private BulkConfigs() {}

  static void addBulkConfigs(ConfigDef def) {
    int order = 0;
    def.define(
            BULK_MAX_ACTIONS,
            Type.INT,
            1_000,
            Range.between(1, 100_000),
            Importance.MEDIUM,
            "Most documents in one _bulk request.",
            GROUP_BULK,
            ++order,
            Width.SHORT,
            "Batch size (docs)")
        .define(
            BULK_MAX_BYTES,
            Type.LONG,
            5L * 1024 * 1024,
            Range.between(1024, 100L * 1024 * 1024),
            Importance.MEDIUM,
            "Most bytes in one _bulk request body (a single larger document is sent alone).",
            GROUP_BULK,
            ++order,
            Width.SHORT,
            "Batch size (bytes)")
        .define(
            BULK_LINGER,
            Type.LONG,
            50L,
            Range.between(0, 60_000),
            Importance.MEDIUM,
            "How long a batch that is not full waits for more documents before it is sent.",
            GROUP_BULK,
            ++order,
            Width.SHORT,
            "Linger (ms)")
        .define(
            BULK_IN_FLIGHT,
            Type.INT,
            2,
            Range.between(1, 64),
            Importance.MEDIUM,
            "Bulk requests a task keeps in flight at once.",
            GROUP_BULK,
            ++order,
            Width.SHORT,
            "Requests in flight")
        .define(
            BUFFER_MAX_BYTES,
            Type.LONG,
            16L * 1024 * 1024,
            Range.atLeast(1024),
            Importance.MEDIUM,
            "Bytes of documents a task holds (waiting, in flight or retrying). Above it the task"
                + " pauses its partitions; below half of it they resume. Bounds memory for large"
                + " documents; see also "
                + BUFFER_MAX_RECORDS
                + ".",
            GROUP_BULK,
            ++order,
            Width.SHORT,
            "Buffer bound (bytes)")
        .define(
            BUFFER_MAX_RECORDS,
            Type.INT,
            4_000,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Records a task holds until the engine acknowledges them (waiting, in flight, retrying"
                + " or waiting for the dead-letter report). Each keeps the Kafka record it came"
                + " from besides its document (a NOAA record arrives as about 1.1 KB of JSON with"
                + " its schema, then becomes a struct and a document of about 300 bytes), so with"
                + " small documents this, not "
                + BUFFER_MAX_BYTES
                + ", bounds the heap under lag or while the engine is down. Above it the task"
                + " pauses its partitions; below half of it they resume. Keep it above"
                + " bulk.max.actions x (bulk.max.in.flight.requests + 1) or batches go out smaller"
                + " than they could.",
            GROUP_BULK,
            ++order,
            Width.SHORT,
            "Buffer bound (records)");
  }
}
