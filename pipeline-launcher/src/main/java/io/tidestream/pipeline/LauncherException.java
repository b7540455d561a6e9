package io.tidestream.pipeline;

/**
 * A problem the person running the pipeline can act on. Its message is printed as one line, without
 * a stack trace, so it must name the problem and what to do about it.
 */
public class LauncherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LauncherException(String message) {
    super(message);
  }

  public LauncherException(String message, Throwable cause) {
    super(message, cause);
  }
}
