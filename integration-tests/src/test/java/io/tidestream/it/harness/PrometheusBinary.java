package io.tidestream.it.harness;

import io.tidestream.pipeline.monitoring.PrometheusServer;
import java.nio.file.Path;

/** The Prometheus binary the monitoring tests run; a test without it fails saying how to get it. */
public final class PrometheusBinary {

  private PrometheusBinary() {}

  /** The installed binary, or an {@link AssertionError} that names how to install it. */
  public static Path required() {
    return PrometheusServer.findBinary()
        .orElseThrow(
            () ->
                new AssertionError(
                    "Prometheus is not installed: "
                        + PrometheusServer.HOW_TO_INSTALL
                        + " (.ci/run installs it)"));
  }
}
