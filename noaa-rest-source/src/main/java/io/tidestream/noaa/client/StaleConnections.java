package io.tidestream.noaa.client;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Decides whether a failed request is sent again at once on a fresh connection.
 *
 * <p>Servers and proxies close idle keep-alive connections whenever they like, some right after
 * each answer, without saying so. OkHttp does not check a pooled connection before reusing it for a
 * GET, so the next request on it fails before any byte of an answer arrives ("unexpected end of
 * stream", a reset, a broken pipe). That says nothing about NOAA: the request is sent again, once,
 * on a new connection, and the two attempts are one request for the budget and the metrics. A
 * failure on a fresh connection is a real failure and is never retried here; nor is a timeout (a
 * slow server, not a dead connection), a cancelled call, or anything but a GET.
 */
final class StaleConnections {

  private StaleConnections() {}

  /**
   * @param method the request's HTTP method
   * @param reusedConnection whether the attempt went out on a connection taken from the pool
   * @param failure what the attempt threw before an answer's headers were read
   * @param canceled whether the call was cancelled (the task is stopping)
   */
  static boolean retryOnFreshConnection(
      String method, boolean reusedConnection, IOException failure, boolean canceled) {
    return "GET".equals(method)
        && reusedConnection
        && !canceled
        && !(failure instanceof InterruptedIOException);
  }
}
