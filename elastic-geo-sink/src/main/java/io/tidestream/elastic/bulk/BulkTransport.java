package io.tidestream.elastic.bulk;

/** Sends one {@code _bulk} request body; the real one is asynchronous over the REST client. */
public interface BulkTransport extends AutoCloseable {

  /** Receives exactly one call per {@link #send}. */
  interface Listener {
    /** Any HTTP response, 2xx or not. */
    void onResponse(int status, byte[] body);

    /** No HTTP response: connection refused, timeout, TLS failure, … */
    void onFailure(Exception e);
  }

  void send(byte[] body, Listener listener);

  @Override
  default void close() {}
}
