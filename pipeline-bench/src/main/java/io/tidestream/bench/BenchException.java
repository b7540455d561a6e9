package io.tidestream.bench;

import io.tidestream.pipeline.LauncherException;

/** A benchmark run that cannot go on; the message says what happened and what to do. */
final class BenchException extends LauncherException {
  private static final long serialVersionUID = 1L;

  BenchException(String message) {
    super(message);
  }

  BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
