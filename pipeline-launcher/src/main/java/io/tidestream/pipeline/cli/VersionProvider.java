package io.tidestream.pipeline.cli;

import io.tidestream.pipeline.BuildInfo;
import picocli.CommandLine;

/** {@code ./pipeline --version}: our version and the Kafka it runs. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    BuildInfo b = BuildInfo.load();
    return new String[] {"tidestream " + b.version() + " (Kafka " + b.kafkaVersion() + ")"};
  }
}
