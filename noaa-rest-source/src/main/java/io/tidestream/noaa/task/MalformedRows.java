package io.tidestream.noaa.task;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.config.MalformedRowAction;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.parse.ParsedResponse;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.plan.Window;
import io.tidestream.noaa.records.RecordBuilder;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link AnswerHandler} does with the rows of an answer that have no readable time ({@code
 * noaa.malformed.rows.action}): stop the task, or report each row once (counted, and put on the
 * errors topic when one is set) and say at WARN that they were not delivered. Used on the polling
 * thread only, with the handler's {@link AnswerWatch}.
 *
 * <p>Logs under {@link AnswerHandler}'s logger, as it did before this was split out of it.
 */
final class MalformedRows {

  private static final Logger log = LoggerFactory.getLogger(AnswerHandler.class);

  private final NoaaSourceConfig config;
  private final RecordBuilder records;
  private final AnswerWatch answers;
  private final TaskEvents events;

  MalformedRows(
      NoaaSourceConfig config, RecordBuilder records, AnswerWatch answers, TaskEvents events) {
    this.config = config;
    this.records = records;
    this.answers = answers;
    this.events = events;
  }

  /**
   * Rows of the answer that have no readable time. They cannot be placed in the series, so they
   * never move the watermark: the answer's other rows are delivered (and move it) as usual, and a
   * window without any readable row counts as empty. With {@code fail} the task stops; else each
   * row is reported once (a held window brings it back in the next answer): counted, and put on the
   * errors topic when one is set. Returns the rows reported now.
   */
  List<ParsedResponse.MalformedRow> report(
      UnitState u,
      Window w,
      String url,
      ParsedResponse response,
      Instant now,
      List<SourceRecord> out) {
    if (response.malformed().isEmpty()) {
      answers.newlyMalformed(u.id().key(), List.of());
      return List.of();
    }
    if (config.malformedRowAction() == MalformedRowAction.FAIL) {
      ParsedResponse.MalformedRow first = response.malformed().get(0);
      throw new ConnectException(
          u.id()
              + ": NOAA sent "
              + response.malformed().size()
              + " row(s) without a readable time for "
              + w.begin()
              + " .. "
              + w.end()
              + ", the first at index "
              + first.index()
              + " (t="
              + first.time()
              + "): "
              + first.reason()
              + ". The task stops because "
              + NoaaSourceConfig.MALFORMED_ROWS_ACTION
              + "=fail; set "
              + NoaaSourceConfig.MALFORMED_ROWS_ACTION
              + "=report (the default) to "
              + "deliver the other rows, report such rows and keep streaming.");
    }
    List<ParsedResponse.MalformedRow> fresh =
        answers.newlyMalformed(u.id().key(), response.malformed());
    for (ParsedResponse.MalformedRow row : fresh) {
      events.malformedRow(row.problem());
      if (records.errorsWanted()) {
        NoaaApiException e =
            new NoaaApiException(
                NoaaErrorKind.TRANSIENT,
                200,
                "Unreadable row at index "
                    + row.index()
                    + " (t="
                    + row.time()
                    + "): "
                    + row.reason(),
                null,
                row.rawJson(),
                null,
                null);
        out.add(records.error(u.id(), u.offset(), url, e, RecordBuilder.MALFORMED_ROW, now));
      }
    }
    return fresh;
  }

  /**
   * Says at WARN that rows of an answer were not delivered (the ones {@link #report} returned), how
   * many others were ({@code sent}), where the reported ones went and how to stop on them instead.
   */
  void warnNotDelivered(
      UnitId id, Window w, List<ParsedResponse.MalformedRow> malformed, int sent) {
    if (!malformed.isEmpty()) {
      ParsedResponse.MalformedRow first = malformed.get(0);
      log.warn(
          "{}: {} row(s) of NOAA's answer for {} .. {} have no readable time and were not "
              + "delivered (the first at index {}: {}); {} other row(s) were. {} To stop the "
              + "task on such rows instead, set {}=fail.",
          id,
          malformed.size(),
          w.begin(),
          w.end(),
          first.index(),
          first.reason(),
          sent,
          records.errorsWanted()
              ? "They are on " + config.errorsTopic() + " as " + RecordBuilder.MALFORMED_ROW + "."
              : "Set " + NoaaSourceConfig.ERRORS_TOPIC + " to keep them.",
          NoaaSourceConfig.MALFORMED_ROWS_ACTION);
    }
  }
}
