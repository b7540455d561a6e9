package io.tidestream.noaa.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class StaleConnectionsTest {

  private static final IOException END_OF_STREAM =
      new IOException("unexpected end of stream on http://x/...");

  @Test
  void aGetThatFailedOnAPooledConnectionIsSentAgain() {
    assertThat(StaleConnections.retryOnFreshConnection("GET", true, END_OF_STREAM, false)).isTrue();
    assertThat(
            StaleConnections.retryOnFreshConnection(
                "GET", true, new SocketException("Connection reset"), false))
        .isTrue();
    assertThat(
            StaleConnections.retryOnFreshConnection(
                "GET", true, new SocketException("Broken pipe"), false))
        .isTrue();
  }

  @Test
  void nothingElseIs() {
    assertThat(StaleConnections.retryOnFreshConnection("GET", false, END_OF_STREAM, false))
        .as("fresh connection")
        .isFalse();
    assertThat(StaleConnections.retryOnFreshConnection("POST", true, END_OF_STREAM, false))
        .as("not a GET")
        .isFalse();
    assertThat(
            StaleConnections.retryOnFreshConnection(
                "GET", true, new SocketTimeoutException("timeout"), false))
        .as("read timeout")
        .isFalse();
    assertThat(
            StaleConnections.retryOnFreshConnection(
                "GET", true, new InterruptedIOException("timeout"), false))
        .as("call timeout")
        .isFalse();
    assertThat(
            StaleConnections.retryOnFreshConnection("GET", true, new IOException("Canceled"), true))
        .as("cancelled")
        .isFalse();
  }
}
