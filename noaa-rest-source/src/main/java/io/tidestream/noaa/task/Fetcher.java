package io.tidestream.noaa.task;

import io.tidestream.noaa.client.DataRequest;
import io.tidestream.noaa.parse.ParsedResponse;
import java.util.concurrent.CompletableFuture;

/** Sends one request and parses its answer; {@code NoaaClient} in production, a fake in tests. */
public interface Fetcher {
  CompletableFuture<ParsedResponse> fetch(DataRequest request);

  /** The request's URL, for the errors topic. */
  String url(DataRequest request);
}
