package io.tidestream.elastic.bulk;

import java.io.IOException;

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

  /**
   * Sends a body held as its documents. A transport that can stream them overrides this so the
   * documents are not joined into a second array per request; by default they are.
   */
  default void send(BulkBody body, Listener listener) {
    send(body.toByteArray(), listener);
  }

  /**
   * Drops the connections and whatever state the client holds, and starts afresh; requests still in
   * flight on the old client may then fail. Called when a request got no callback in time.
   */
  default void reset() {}

  /**
   * Asks the engine whether it answers at all (any HTTP answer but 429 or 5xx counts), for when no
   * bulk request is pending that would tell.
   *
   * @throws IOException when it does not answer, or answers that it cannot take requests
   */
  default void probe() throws IOException {}

  @Override
  default void close() {}
}
