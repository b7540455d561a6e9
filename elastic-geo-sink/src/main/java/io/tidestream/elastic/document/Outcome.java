package io.tidestream.elastic.document;

import io.tidestream.elastic.config.RecordFailureAction;

/** What became of one record before it reached the bulk writer. */
public sealed interface Outcome {

  /** A bulk action (index or delete) ready to send: {@code ndjson} holds its complete lines. */
  record Write(String index, String id, boolean delete, byte[] ndjson) implements Outcome {}

  /**
   * Nothing to write (an ignored tombstone); the record counts as done. {@code type} names why, for
   * the dropped-records metric ({@code tombstone}); {@code reason} says it in words.
   */
  record Skip(String type, String reason) implements Outcome {}

  /**
   * The record cannot be indexed as it is. {@code action} says what to do (dead-letter, drop,
   * fail); {@code stage} and {@code type} name what went wrong for the dead-letter headers.
   */
  record Rejected(RecordFailureAction action, String stage, String type, String reason)
      implements Outcome {}
}
