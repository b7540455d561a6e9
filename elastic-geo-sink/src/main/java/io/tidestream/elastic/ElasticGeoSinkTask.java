package io.tidestream.elastic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.PluginVersion;
import io.tidestream.common.metrics.PluginMetricsLookup;
import io.tidestream.elastic.bulk.BulkItem;
import io.tidestream.elastic.bulk.BulkWriter;
import io.tidestream.elastic.bulk.ItemFailure;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.deadletter.DeadLetters;
import io.tidestream.elastic.deadletter.PendingDeadLetters;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.Outcome;
import io.tidestream.elastic.metrics.SinkMetrics;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connect glue: turns records into bulk actions ({@link DocumentFactory}), hands them to the {@link
 * BulkWriter}, dead-letters what cannot be indexed, pauses partitions under backpressure and
 * commits only offsets whose records are acknowledged by the engine, confirmed by the dead-letter
 * topic ({@link PendingDeadLetters}) or deliberately dropped.
 */
public class ElasticGeoSinkTask extends SinkTask {

  private static final Logger log = LoggerFactory.getLogger(ElasticGeoSinkTask.class);

  /** How soon Connect should call put() again while the task waits on the engine. */
  static final long WAKEUP_MS = 20;

  private final Clock clock;
  private final BiFunction<ElasticGeoSinkConfig, ObjectMapper, EngineSession> sessions;
  private final boolean startDriver;

  private ElasticGeoSinkConfig config;
  private DocumentFactory documents;
  private DeadLetters deadLetters;
  private PendingDeadLetters pendingDeadLetters;
  private BulkWriter writer;
  private SinkMetrics metrics;
  private final RecordCoordinates coordinates = new RecordCoordinates();
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile boolean paused;

  /** Paused while the engine was down at some point: the resume is worth an INFO line. */
  private boolean pausedForOutage;

  private long dropped;

  public ElasticGeoSinkTask() {
    this(Clock.systemUTC(), RestEngineSession::new, true);
  }

  /**
   * For tests and the JMH benchmark of the task path (microbenchmarks): a fake engine session, and
   * no background sender (the caller calls {@code writer().pump()}).
   */
  public ElasticGeoSinkTask(
      Clock clock,
      BiFunction<ElasticGeoSinkConfig, ObjectMapper, EngineSession> sessions,
      boolean startDriver) {
    this.clock = clock;
    this.sessions = sessions;
    this.startDriver = startDriver;
  }

  @Override
  public String version() {
    return PluginVersion.of(ElasticGeoSinkConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    long started = System.nanoTime();
    try {
      config = new ElasticGeoSinkConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException("Invalid elastic-geo-sink configuration: " + e.getMessage(), e);
    }
    String dlqProblem = config.deadLetterProblem();
    if (dlqProblem != null) {
      throw new ConnectException(dlqProblem);
    }
    String patternProblem = config.templatePatternProblem();
    if (patternProblem != null) {
      throw new ConnectException(patternProblem);
    }
    deadLetters = new DeadLetters(DeadLetters.lookup(context));
    if (!deadLetters.available() && !config.deadLetterKeys().isEmpty()) {
      throw new ConnectException(
          "Records can be dead-lettered ("
              + String.join(", ", config.deadLetterKeys())
              + ") but this Connect runtime offers no errant record reporter (Kafka 2.6+ is"
              + " needed); upgrade the worker or set those keys to drop/ignore/fail");
    }
    ObjectMapper mapper = new ObjectMapper();
    JsonFactory json = mapper.getFactory();
    try {
      documents = TaskComponents.documentFactory(config, mapper, json);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("Invalid elastic-geo-sink configuration: " + e.getMessage(), e);
    }
    EngineSession session;
    try {
      session = sessions.apply(config, mapper);
    } catch (IllegalArgumentException e) {
      throw new ConnectException("Invalid elastic-geo-sink configuration: " + e.getMessage(), e);
    }
    writer = TaskComponents.bulkWriter(config, session, clock, json);
    metrics =
        SinkMetrics.register(
            PluginMetricsLookup.forSinkTask(context), writer, () -> paused ? assigned.size() : 0);
    pendingDeadLetters =
        TaskComponents.pendingDeadLetters(
            config,
            deadLetters,
            clock,
            new PendingDeadLetters.Listener() {
              @Override
              public void confirmed(BulkItem hold, String type) {
                writer.reported(hold);
                metrics.deadLettered(type);
              }

              @Override
              public void abandoned(BulkItem hold) {
                writer.reported(hold);
              }

              @Override
              public void retrying() {
                metrics.deadLetterRetried();
              }
            });
    if (startDriver) {
      writer.start("elastic-geo-sink-bulk-" + Integer.toHexString(System.identityHashCode(this)));
    }
    log.info(
        "Started: index {} on {} node(s), batches of {} docs/{} bytes, {} in flight, retry budget"
            + " {} ms, in {} ms",
        config.indexTargets(),
        config.urls().size(),
        config.bulkMaxActions(),
        config.bulkMaxBytes(),
        config.bulkMaxInFlight(),
        config.retryBudgetMillis(),
        (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public void open(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
    if (partitions.isEmpty()) {
      return;
    }
    if (paused) {
      context.pause(partitions.toArray(new TopicPartition[0]));
    } else {
      // Connect re-pauses, on assignment, the partitions this task once paused and never resumed.
      // If a rebalance took them away while paused and the task resumed (nothing left) before
      // they came back, they would come back paused for good: say again that they are not.
      context.resume(partitions.toArray(new TopicPartition[0]));
    }
  }

  @Override
  public void close(Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
    if (pendingDeadLetters != null) {
      pendingDeadLetters.closePartitions(partitions);
    }
    if (writer != null) {
      writer.closePartitions(partitions);
    }
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    writer.throwIfFailed();
    settleDeadLetters();
    reportEngineRejections();
    for (SinkRecord record : records) {
      TopicPartition tp = coordinates.partition(record);
      long offset = RecordCoordinates.offset(record);
      Outcome outcome = documents.build(record);
      if (log.isTraceEnabled()) {
        log.trace(
            "{}-{} offset {}: {}",
            tp.topic(),
            tp.partition(),
            offset,
            outcome instanceof Outcome.Write w
                ? (w.delete() ? "delete from " : "index into ") + w.index()
                : outcome.getClass().getSimpleName());
      }
      if (outcome instanceof Outcome.Write w) {
        writer.add(record, tp, offset, w.index(), w.id(), w.ndjson());
      } else if (outcome instanceof Outcome.Rejected r) {
        reject(record, tp, offset, r);
      } else if (outcome instanceof Outcome.Skip skip) {
        dropped++;
        metrics.dropped(skip.type());
        writer.finishedWithoutItem(tp, offset);
      }
    }
    settleDeadLetters();
    applyBackpressure();
  }

  /**
   * Confirms, retries or gives up dead-letter writes that are done; throws once one failed for
   * good.
   */
  private void settleDeadLetters() {
    pendingDeadLetters.check();
    pendingDeadLetters.throwIfFailed();
  }

  private void reject(SinkRecord record, TopicPartition tp, long offset, Outcome.Rejected r) {
    switch (r.action()) {
      case DEAD_LETTER -> {
        if (log.isDebugEnabled()) {
          log.debug(
              "Dead-lettering {}-{} offset {}: {}", tp.topic(), tp.partition(), offset, r.type());
        }
        pendingDeadLetters.submit(
            record,
            tp,
            offset,
            r.stage(),
            r.type(),
            r.reason(),
            null,
            -1,
            writer.hold(record, tp, offset));
        return;
      }
      case FAIL -> {
        if (DocumentFactory.TOMBSTONE.equals(r.type())) {
          // The key may be personal data, so it stays out of the exception, like the value.
          throw new ConnectException(
              "Record "
                  + tp
                  + " offset "
                  + offset
                  + " is a tombstone (null value) and behavior.on.null.values=fail; set"
                  + " behavior.on.null.values=delete (deletes the document with the record key's"
                  + " id) or ignore, or keep tombstones off the topic, then restart the task");
        }
        // The reason may quote part of the value, so it stays out of the exception (and the logs).
        throw new ConnectException(
            "Record "
                + tp
                + " offset "
                + offset
                + " cannot be indexed ("
                + r.stage()
                + ": "
                + r.type()
                + ") and the configured action is fail; set it to dead-letter (the reason then"
                + " travels in the record's headers) or drop to keep going");
      }
      default -> {
        dropped++;
        metrics.dropped(r.type());
        if (log.isDebugEnabled()) {
          log.debug("Dropping {}-{} offset {}: {}", tp.topic(), tp.partition(), offset, r.type());
        }
      }
    }
    writer.finishedWithoutItem(tp, offset);
  }

  private void reportEngineRejections() {
    for (ItemFailure f : writer.drainFailures()) {
      BulkItem item = f.item();
      TopicPartition tp = coordinates.partition(item.record());
      if (log.isDebugEnabled()) {
        log.debug(
            "Engine rejected {}-{} offset {} with {} (HTTP {}); dead-lettering",
            tp.topic(),
            tp.partition(),
            item.offset(),
            f.errorType(),
            f.status());
      }
      pendingDeadLetters.submit(
          item.record(),
          tp,
          item.offset(),
          "engine",
          f.errorType(),
          f.reason(),
          item.index(),
          f.status(),
          item);
    }
  }

  private void applyBackpressure() {
    if (paused && writer.engineDown()) {
      pausedForOutage = true;
    }
    if (!paused && writer.shouldPause()) {
      paused = true;
      if (!assigned.isEmpty()) {
        context.pause(assigned.toArray(new TopicPartition[0]));
      }
      if (writer.engineDown()) {
        pausedForOutage = true;
        log.info("Paused {} partition(s): the engine is unavailable", assigned.size());
      } else if (log
          .isDebugEnabled()) { // ordinary flow control under lag: the paused-partitions gauge shows
        // it
        log.debug(
            "Paused {} partition(s): buffer holds {} records, {} bytes",
            assigned.size(),
            writer.bufferedRecords(),
            writer.bufferedBytes());
      }
    } else if (paused && writer.mayResume()) {
      paused = false;
      if (!assigned.isEmpty()) {
        context.resume(assigned.toArray(new TopicPartition[0]));
      }
      if (pausedForOutage) {
        pausedForOutage = false;
        log.info("Resumed {} partition(s)", assigned.size());
      } else {
        log.debug("Resumed {} partition(s)", assigned.size());
      }
    }
    if (paused || !writer.idle() || pendingDeadLetters.size() > 0) {
      context.timeout(WAKEUP_MS); // come back soon to report, resume and commit
    }
  }

  @Override
  public Map<TopicPartition, OffsetAndMetadata> preCommit(
      Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
    // A background failure surfaces on the next put(); what was acknowledged before it may still be
    // committed.
    reportEngineRejections();
    pendingDeadLetters.check(); // a write that failed for good stops the task from the next put()
    writer.flushSoon();
    Map<TopicPartition, Long> acknowledged = writer.committableOffsets();
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (TopicPartition tp : currentOffsets.keySet()) {
      Long offset = acknowledged.get(tp);
      if (offset != null) {
        commit.put(tp, new OffsetAndMetadata(offset));
      }
    }
    return commit;
  }

  @Override
  public void stop() {
    if (writer != null) {
      writer.close();
      log.info(
          "Stopped: {} documents acknowledged, {} dead-lettered ({} unconfirmed), {} dropped, {}"
              + " item retries, {} request retries",
          writer.acknowledgedCount(),
          pendingDeadLetters == null ? 0 : pendingDeadLetters.confirmedCount(),
          pendingDeadLetters == null ? 0 : pendingDeadLetters.size(),
          dropped,
          writer.itemRetryCount(),
          writer.requestRetryCount());
    }
  }

  /** The task's bulk writer, for tests and the JMH benchmark (to pump without a sender thread). */
  public BulkWriter writer() {
    return writer;
  }

  boolean paused() {
    return paused;
  }
}
