package io.tidestream.elastic.client;

import org.apache.kafka.connect.errors.ConnectException;

/** A non-retriable answer from the engine (bad credentials, missing privilege, bad template). */
public class EngineException extends ConnectException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public EngineException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public boolean isAuthentication() {
    return status == 401;
  }
}
