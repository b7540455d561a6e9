package io.tidestream.elastic.bulk;

/**
 * An item the engine rejected for good, waiting for the task thread to report it to the dead-letter
 * topic; the item counts as done only after that.
 */
public record ItemFailure(BulkItem item, String errorType, String reason, int status) {}
