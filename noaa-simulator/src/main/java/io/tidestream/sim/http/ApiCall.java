package io.tidestream.sim.http;

import java.time.Instant;

/** What a handler learned about a request, for the request log. Confined to one request thread. */
public final class ApiCall {

  private Instant begin;
  private Instant end;

  public void window(Instant windowBegin, Instant windowEnd) {
    this.begin = windowBegin;
    this.end = windowEnd;
  }

  public Instant begin() {
    return begin;
  }

  public Instant end() {
    return end;
  }
}
