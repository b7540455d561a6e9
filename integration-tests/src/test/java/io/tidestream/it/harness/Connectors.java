package io.tidestream.it.harness;

import java.util.HashMap;
import java.util.Map;

/** Connector configurations the integration tests start from. */
public final class Connectors {
  private Connectors() {}

  public static final String SOURCE_CLASS = "io.tidestream.noaa.NoaaSourceConnector";
  public static final String SINK_CLASS = "io.tidestream.elastic.ElasticGeoSinkConnector";

  /** The talk's five stations. */
  public static final String TALK_STATIONS = "8724580,8454000,9497645,9443090,9447130";

  /** The NOAA source pointed at a simulator; {@code topic} may hold {@code ${product}}. */
  public static Map<String, String> source(
      String simulatorUrl, String topic, String stations, String products, String start) {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", SOURCE_CLASS);
    c.put("tasks.max", "1");
    c.put("noaa.stations", stations);
    c.put("noaa.products", products);
    c.put("noaa.start", start);
    c.put("noaa.data.url", simulatorUrl + "/api/prod/datagetter");
    c.put("noaa.metadata.url", simulatorUrl + "/mdapi/prod/webapi");
    c.put("topic", topic);
    c.put("topic.creation.default.partitions", "3");
    c.put("topic.creation.default.replication.factor", "1");
    return c;
  }

  /**
   * The sink writing {@code topics} into {@code index} on {@code engineUrl}, with a dead-letter
   * topic.
   */
  public static Map<String, String> sink(
      String engineUrl, String topics, String index, String dlq) {
    Map<String, String> c = new HashMap<>();
    c.put("connector.class", SINK_CLASS);
    c.put("tasks.max", "2");
    c.put("topics", topics);
    c.put("connection.urls", engineUrl);
    c.put("index.name", index);
    c.put("mapping.template.name", index);
    c.put("mapping.template.patterns", index + "*");
    c.put("errors.tolerance", "all");
    c.put("errors.deadletterqueue.topic.name", dlq);
    c.put("errors.deadletterqueue.topic.replication.factor", "1");
    c.put("errors.deadletterqueue.context.headers.enable", "true");
    return c;
  }

  /**
   * {@link #sink} as the pipeline runs it (config/elastic-sink.json): values handed over as raw
   * bytes (ByteArrayConverter), read by the sink itself instead of the worker's JsonConverter.
   */
  public static Map<String, String> pipelineSink(
      String engineUrl, String topics, String index, String dlq) {
    Map<String, String> c = sink(engineUrl, topics, index, dlq);
    c.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return c;
  }
}
