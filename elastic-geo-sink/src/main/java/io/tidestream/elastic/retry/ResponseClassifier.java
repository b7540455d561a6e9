package io.tidestream.elastic.retry;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Judges what the engine said about a bulk request, in one place: an HTTP answer (status and body)
 * or the lack of one becomes a {@link Decision}, per item where the engine answered per item. Pure:
 * no clock, no state, no I/O; the bulk writer acts on what it returns.
 *
 * <ul>
 *   <li>2xx: each item by its exact {@code error.type} ({@link ErrorTypeActions}), then by status;
 *   <li>429 or 5xx for the whole request, no answer, a connection error, an unreadable answer: the
 *       engine is down, resend the request ({@link #busy} is the only place that says which
 *       statuses);
 *   <li>413: one document is too large (dead-letter it); several are, together (send each alone);
 *   <li>401, 403 and any other 4xx for the whole request: a configuration problem, fail the task.
 * </ul>
 */
public final class ResponseClassifier {

  /** Longest engine reason quoted in a task's error message. */
  static final int MAX_REASON = 500;

  private final ErrorTypeActions actions;
  private final JsonFactory json;

  public ResponseClassifier(ErrorTypeActions actions, JsonFactory json) {
    this.actions = actions;
    this.json = json;
  }

  /**
   * 429 (too many requests) and 5xx: the engine is overloaded or not ready, and the same request
   * will succeed later. The one rule, for whole requests, unknown item types, probes and start-up
   * requests.
   */
  public static boolean busy(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * An HTTP answer to a bulk request.
   *
   * @param items how many actions the request held
   * @param bytes the request's body size (named in the reason of a single document refused with
   *     413)
   */
  public Decision answered(int items, long bytes, int status, byte[] body) {
    if (status >= 200 && status < 300) {
      BulkResponse.Items parsed;
      try {
        parsed = BulkResponse.parse(json, body, items);
      } catch (IOException e) {
        return new Decision.EngineDown(
            "unreadable bulk response (HTTP " + status + "): " + e.getMessage());
      }
      return perItem(parsed, items);
    }
    EngineError error = EngineError.ofBody(json, body);
    String type = error == null ? null : error.type();
    if (busy(status)) {
      return new Decision.EngineDown("HTTP " + status + (type == null ? "" : " " + type));
    }
    if (status == 413) {
      return items == 1
          ? new Decision.TooLarge(
              new Decision.DeadLetter(
                  "request_entity_too_large",
                  "the document of "
                      + bytes
                      + " bytes exceeds the engine's http.max_content_length",
                  413))
          : new Decision.SendAlone();
    }
    String says =
        error == null
            ? ""
            : " (" + shorten((type == null ? "" : type + ": ") + error.describe()) + ")";
    if (status == 401) {
      return new Decision.Fail(
          "The engine refused the bulk request with HTTP 401"
              + says
              + ": authentication failed; check connection.username/connection.password or"
              + " connection.api.key");
    }
    AwsAuthError aws =
        AwsAuthError.of(status, body == null ? null : new String(body, StandardCharsets.UTF_8));
    if (aws != null) {
      // AWS's own answer is not quoted: it may hold the canonical request, session token included
      return new Decision.Fail(
          "AWS refused the signed bulk request (HTTP 403, "
              + aws
              + "); check connection.aws.access.key.id, connection.aws.secret.access.key,"
              + " connection.aws.session.token, connection.aws.region, connection.aws.service and"
              + " the worker's clock");
    }
    if (status == 403) {
      return new Decision.Fail(
          "The engine refused the bulk request with HTTP 403"
              + says
              + ": the user lacks the index/write privilege on the target index; grant it or change"
              + " index.name");
    }
    return new Decision.Fail(
        "The engine rejected a whole bulk request with HTTP "
            + status
            + says
            + "; this is a configuration problem (index name, template or engine settings), not a"
            + " data problem. Fix it and restart the task.");
  }

  /**
   * The request could not be sent, or failed without an HTTP answer (connection refused, timeout,
   * TLS).
   */
  public static Decision.EngineDown failed(Exception e) {
    return new Decision.EngineDown(
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }

  /** The transport refused to take the request at all. */
  public static Decision.EngineDown cannotSend(RuntimeException e) {
    return new Decision.EngineDown("cannot send: " + e);
  }

  /** Neither an answer nor an error came within the answer deadline. */
  public static Decision.EngineDown unanswered(long deadlineMs) {
    return new Decision.EngineDown("no answer within " + deadlineMs + " ms");
  }

  private Decision perItem(BulkResponse.Items parsed, int count) {
    if (!parsed.errors()) {
      return new Decision.PerItem(Collections.nCopies(count, Decision.Done.INSTANCE));
    }
    List<Decision.Item> decisions = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int status = parsed.statuses()[i];
      decisions.add(
          parsed.creates()[i] && status == 409
              ? createConflict(parsed.types()[i])
              : item(status, parsed.types()[i], parsed.reasons()[i]));
    }
    return new Decision.PerItem(decisions);
  }

  /**
   * One item of a 2xx answer: its {@code status}, exact {@code error.type} (null if none) and
   * reason.
   */
  public Decision.Item item(int status, String type, String reason) {
    if (type == null && (status < 300 || status == 404)) {
      return Decision.Done
          .INSTANCE; // a 404 without an error is a delete of a document that was not there
    }
    String failureType = type == null ? "http_" + status : type;
    switch (actions.actionFor(type, status)) {
      case RETRY:
        return new Decision.Retry(failureType, type == null ? "HTTP " + status : type, status);
      case DEAD_LETTER:
        return new Decision.DeadLetter(
            failureType, reason == null ? "rejected with HTTP " + status : reason, status);
      case IGNORE:
        return new Decision.Ignore(failureType);
      default:
        return new Decision.FailTask(failureType, type, status);
    }
  }

  /**
   * A {@code create} refused with 409 ({@code write.method=create}): a document with the id is
   * already there, which is what create asks for, so the record is done, not dead-lettered or
   * retried; it counts as ignored (dropped-records, reason {@code
   * version_conflict_engine_exception}).
   */
  static Decision.Item createConflict(String type) {
    return new Decision.Ignore(type == null ? "http_409" : type);
  }

  /** An engine's reason, cut to a length that fits a task's error message. */
  static String shorten(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
  }
}
