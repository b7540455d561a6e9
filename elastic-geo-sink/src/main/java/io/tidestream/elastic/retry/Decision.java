package io.tidestream.elastic.retry;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * What {@link ResponseClassifier} decided about one bulk request: values, not callbacks; the bulk
 * writer acts on them.
 */
public sealed interface Decision {

  /** The engine answered with one outcome per item, in request order: it is up. */
  record PerItem(List<Item> items) implements Decision {}

  /**
   * The engine did not take the request (connection error, no answer, 429/5xx for the whole
   * request, an unreadable answer): it is down; resend the whole request, in order, after a
   * backoff.
   */
  record EngineDown(String cause) implements Decision {}

  /**
   * 413 for a request of several documents: the engine is up; resend each document in a request of
   * its own.
   */
  record SendAlone() implements Decision {}

  /**
   * 413 for a request of one document: the engine is up, the document is too large for it;
   * dead-letter it. (Not counted as an item failure: the engine refused the request, not an item.)
   */
  record TooLarge(DeadLetter item) implements Decision {}

  /**
   * Retrying cannot help (401, 403, another 4xx for the whole request): the task fails with this
   * message.
   */
  record Fail(String message) implements Decision {}

  /** What to do with one item of an answered request. */
  sealed interface Item {
    /**
     * The metric tag of a refused item: its exact {@code error.type}, or {@code http_<status>};
     * null when done.
     */
    default String failureType() {
      return null;
    }
  }

  /** Acknowledged (or a delete of a document that was not there). */
  record Done() implements Item {
    static final Done INSTANCE = new Done();
  }

  /**
   * Transient: send this item again after a backoff, within the retry budget ({@link
   * ItemRetryPolicy}).
   *
   * @param what what the engine said, for the message should the budget run out ({@code
   *     es_rejected_…} or {@code HTTP 429})
   */
  record Retry(String failureType, String what, int status) implements Item {}

  /** Permanent: the task reports the record to the dead-letter topic with these headers. */
  record DeadLetter(String failureType, String reason, int status) implements Item {
    /**
     * The {@code tidestream.error.type} header: the engine's exact type, or {@code http_<status>}.
     */
    public String errorType() {
      return failureType;
    }
  }

  /** Permanent but harmless ({@code errors.type.actions} says ignore): done, counted as dropped. */
  record Ignore(String failureType) implements Item {}

  /** {@code errors.type.actions} says fail for this item's type. */
  record FailTask(String failureType, String type, int status) implements Item {
    /** The task's error message, naming the record. */
    public String message(TopicPartition partition, long offset, String index) {
      return "The engine rejected the document from "
          + partition
          + " offset "
          + offset
          + " for index "
          + index
          + " with "
          + type
          + " (HTTP "
          + status
          + ") and errors.type.actions says fail; change that entry to "
          + "dead-letter or ignore to keep the task running";
    }
  }
}
