package io.tidestream.noaa;

import io.tidestream.common.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/** Placeholder so the plugin can be packaged and discovered; issue #4 builds the connector. */
public class NoaaSourceConnector extends SourceConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return PluginVersion.of(NoaaSourceConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return NoaaSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }
}
