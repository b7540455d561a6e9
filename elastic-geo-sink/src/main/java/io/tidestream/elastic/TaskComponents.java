package io.tidestream.elastic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.elastic.bulk.BulkSettings;
import io.tidestream.elastic.bulk.BulkWriter;
import io.tidestream.elastic.config.ElasticGeoSinkConfig;
import io.tidestream.elastic.config.TemplateMode;
import io.tidestream.elastic.config.WriteMethod;
import io.tidestream.elastic.deadletter.DeadLetters;
import io.tidestream.elastic.deadletter.PendingDeadLetters;
import io.tidestream.elastic.document.DocumentFactory;
import io.tidestream.elastic.document.DocumentIds;
import io.tidestream.elastic.document.DottedPath;
import io.tidestream.elastic.document.JsonText;
import io.tidestream.elastic.document.NdjsonWriter;
import io.tidestream.elastic.document.RawJsonReader;
import io.tidestream.elastic.document.RecordTime;
import io.tidestream.elastic.filter.ErrorPayloadFilter;
import io.tidestream.elastic.geo.GeoPointExtractor;
import io.tidestream.elastic.mapping.LifecyclePolicy;
import io.tidestream.elastic.mapping.TemplateBody;
import io.tidestream.elastic.retry.DeadLetterRetry;
import io.tidestream.elastic.retry.RetryBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Wires a task: builds each of its parts from the configuration (documents, the bulk path, the
 * dead-letter path, the template). The one place where {@link ElasticGeoSinkTask} gets its parts.
 */
public final class TaskComponents {

  private TaskComponents() {}

  public static DocumentFactory documentFactory(
      ElasticGeoSinkConfig config, ObjectMapper mapper, JsonFactory json) {
    DocumentFactory.Settings settings = documentSettings(config);
    return new DocumentFactory(
        settings,
        new JsonText(mapper),
        new NdjsonWriter(
            json,
            config.timeFormat(),
            config.geoTarget(),
            config.dataStreamEnabled() ? WriteMethod.CREATE : config.writeMethod()),
        config.geoTarget(),
        rawJsonReader(config, settings, mapper));
  }

  /** What the document factory needs, from configuration. */
  public static DocumentFactory.Settings documentSettings(ElasticGeoSinkConfig config) {
    return new DocumentFactory.Settings(
        config.indexTargets(),
        new RecordTime(config.indexTimeField()),
        config.idStrategy(),
        new DocumentIds(config.idFields()),
        config.nullValues(),
        config.geoEnabled() ? new GeoPointExtractor(config.geoLat(), config.geoLon()) : null,
        config.geoMissingAction(),
        config.geoInvalidAction(),
        new ErrorPayloadFilter(config.errorPredicates()),
        config.errorPayloadAction(),
        config.nonJsonAction(),
        config.documentFailureAction(),
        config.documentMaxBytes(),
        config.routingField(),
        dataStreamTime(config));
  }

  /** The time written as a data stream's @timestamp; null when none is written. */
  private static RecordTime dataStreamTime(ElasticGeoSinkConfig config) {
    DottedPath field = config.dataStreamTimestampField();
    if (!config.dataStreamEnabled()
        || (field != null && NdjsonWriter.TIMESTAMP_FIELD.equals(field.toString()))) {
      return null; // not a data stream, or the value's own @timestamp is the time
    }
    return new RecordTime(field);
  }

  /** {@code mapping.lifecycle.policy}, or null when none is set. */
  public static LifecyclePolicy lifecyclePolicy(ElasticGeoSinkConfig config) {
    return config.lifecyclePolicy() == null ? null : new LifecyclePolicy(config.lifecyclePolicy());
  }

  /** The reader of raw (byte[] or String) values for {@link #documentFactory}. */
  public static RawJsonReader rawJsonReader(
      ElasticGeoSinkConfig config, DocumentFactory.Settings settings, ObjectMapper mapper) {
    return new RawJsonReader(
        mapper,
        DocumentFactory.neededFields(settings),
        config.geoEnabled() ? config.geoTarget() : null,
        settings.dataStreamTime() != null ? NdjsonWriter.TIMESTAMP_FIELD : null,
        config.timeFormat());
  }

  /**
   * The bulk path: buffer, sender and coordinator over the session's transport, its start-up work
   * first.
   */
  public static BulkWriter bulkWriter(
      ElasticGeoSinkConfig config, EngineSession session, Clock clock, JsonFactory json) {
    BulkWriter writer =
        new BulkWriter(
            bulkSettings(config),
            session.transport(),
            config.errorTypeActions(),
            backoff(config),
            clock,
            json);
    writer.preflight(session.preflight());
    return writer;
  }

  /** Dead-letter writes the task waits for, retried as {@code retry.*} says. */
  public static PendingDeadLetters pendingDeadLetters(
      ElasticGeoSinkConfig config,
      DeadLetters deadLetters,
      Clock clock,
      PendingDeadLetters.Listener listener) {
    DeadLetterRetry retry =
        new DeadLetterRetry(
            RetryBudget.ofMillis(config.retryBudgetMillis()),
            backoff(config),
            config.deadLetterTopic());
    return new PendingDeadLetters(deadLetters, retry, clock, listener);
  }

  public static BulkSettings bulkSettings(ElasticGeoSinkConfig config) {
    return new BulkSettings(
        config.bulkMaxActions(),
        config.bulkMaxBytes(),
        config.bulkLinger(),
        config.bulkMaxInFlight(),
        config.bufferMaxBytes(),
        config.bufferMaxRecords(),
        RetryBudget.ofMillis(config.retryBudgetMillis()),
        answerDeadline(config));
  }

  /**
   * The longest a bulk request can take while the HTTP client works as configured: waiting for a
   * pooled connection and connecting (the connect timeout each), then the engine's silence while it
   * indexes (the read timeout), plus a margin. Past it the client is presumed wedged.
   */
  static Duration answerDeadline(ElasticGeoSinkConfig config) {
    return config.connectTimeout().multipliedBy(2).plus(config.readTimeout()).plusSeconds(5);
  }

  public static ExponentialBackoff backoff(ElasticGeoSinkConfig config) {
    return new ExponentialBackoff(
        config.backoffInitial(),
        config.backoffMax(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The template to install, or null for mode none.
   *
   * @throws IllegalArgumentException naming the problem with the file, inline JSON or settings
   */
  public static TemplateBody template(ElasticGeoSinkConfig config, ObjectMapper mapper) {
    TemplateMode mode = config.templateMode();
    TemplateBody body;
    switch (mode) {
      case NONE -> {
        return null;
      }
      case BUILTIN -> body = TemplateBody.builtin(mapper, config.geoTarget());
      case FILE -> {
        if (config.templateFile() == null) {
          throw new IllegalArgumentException(
              "mapping.template.mode=file needs " + ElasticGeoSinkConfig.TEMPLATE_FILE);
        }
        String text;
        try {
          text = Files.readString(Path.of(config.templateFile()), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read template file "
                  + config.templateFile()
                  + ": "
                  + e.getClass().getSimpleName()
                  + "; the file must exist on every Connect worker");
        }
        body = TemplateBody.parse(mapper, text);
      }
      case INLINE -> {
        if (config.templateInline() == null) {
          throw new IllegalArgumentException(
              "mapping.template.mode=inline needs " + ElasticGeoSinkConfig.TEMPLATE_INLINE);
        }
        body = TemplateBody.parse(mapper, config.templateInline());
      }
      default -> throw new IllegalStateException("unknown template mode " + mode);
    }
    body = body.withSettings(mapper, config.indexSettings()).withAlias(config.readAlias());
    return config.dataStreamEnabled() ? body.withDataStream() : body;
  }
}
