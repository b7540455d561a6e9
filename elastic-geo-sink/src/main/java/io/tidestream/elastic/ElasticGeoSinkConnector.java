package io.tidestream.elastic;

import io.tidestream.common.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Placeholder so the plugin can be packaged and discovered; issue #5 builds the connector. */
public class ElasticGeoSinkConnector extends SinkConnector {

  private Map<String, String> props;

  @Override
  public String version() {
    return PluginVersion.of(ElasticGeoSinkConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return ElasticGeoSinkTask.class;
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
