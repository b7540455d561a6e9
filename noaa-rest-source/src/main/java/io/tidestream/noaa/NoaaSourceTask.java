package io.tidestream.noaa;

import io.tidestream.common.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Placeholder task; issue #4 builds it. */
public class NoaaSourceTask extends SourceTask {

  @Override
  public String version() {
    return PluginVersion.of(NoaaSourceConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    Thread.sleep(1000);
    return null;
  }

  @Override
  public void stop() {}
}
