package io.tidestream.elastic;

import io.tidestream.common.PluginVersion;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Placeholder task; issue #5 builds it. */
public class ElasticGeoSinkTask extends SinkTask {

  @Override
  public String version() {
    return PluginVersion.of(ElasticGeoSinkConnector.class);
  }

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public void put(Collection<SinkRecord> records) {}

  @Override
  public void stop() {}
}
