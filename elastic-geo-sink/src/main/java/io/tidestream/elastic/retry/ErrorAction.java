package io.tidestream.elastic.retry;

/** What the sink does with a bulk item the engine did not accept, by its {@code error.type}. */
public enum ErrorAction {
  /**
   * Transient: resend this item alone, with jittered exponential backoff, within the retry budget.
   */
  RETRY,
  /** Permanent: report the record to the dead-letter topic with the error in its headers. */
  DEAD_LETTER,
  /** Permanent but harmless: treat as done. */
  IGNORE,
  /** Stop the task. */
  FAIL
}
