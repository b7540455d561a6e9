package io.tidestream.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connector definitions in {@code config/*.json}, in the form users POST to {@code /connectors}:
 * {@code {"name": …, "config": {…}}}. The launcher points their URLs at the servers it started:
 * values beginning with NOAA's address go to the simulator in sim mode, and {@code
 * http://localhost:9200} goes to the engine it runs.
 */
public final class ConnectorFiles {

  public static final String NOAA_URL = "https://api.tidesandcurrents.noaa.gov";
  public static final String ENGINE_URL = "http://localhost:9200";

  /** One connector: its name and configuration. */
  public record Connector(String name, Map<String, String> config) {

    /** The topics a sink reads and its dead-letter topic: the launcher creates them. */
    public Set<String> topicsToCreate() {
      Set<String> topics = new LinkedHashSet<>();
      String list = config.get("topics");
      if (list != null) {
        Arrays.stream(list.split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .forEach(topics::add);
      }
      String dlq = config.get("errors.deadletterqueue.topic.name");
      if (dlq != null && !dlq.isBlank()) {
        topics.add(dlq.trim());
      }
      return topics;
    }
  }

  private ConnectorFiles() {}

  public static List<Connector> load(Path configDir, String noaaBaseUrl, String engineUrl) {
    List<Connector> connectors = new ArrayList<>();
    for (Path file : ProjectHome.filesEndingWith(configDir, ".json")) {
      JsonNode root;
      try {
        root = JsonHttp.MAPPER.readTree(file.toFile());
      } catch (IOException e) {
        throw new LauncherException(file + " is not valid JSON: " + e.getMessage());
      }
      if (!root.hasNonNull("name") || !root.path("config").isObject()) {
        continue; // not a connector definition (e.g. saved dashboard objects)
      }
      Map<String, String> config = new LinkedHashMap<>();
      root.path("config")
          .properties()
          .forEach(
              e -> config.put(e.getKey(), rewrite(e.getValue().asText(), noaaBaseUrl, engineUrl)));
      connectors.add(new Connector(root.path("name").asText(), config));
    }
    if (connectors.isEmpty()) {
      throw new LauncherException(
          "No connector definitions ({\"name\":…,\"config\":{…}}) in " + configDir);
    }
    return connectors;
  }

  static String rewrite(String value, String noaaBaseUrl, String engineUrl) {
    String v = value;
    if (noaaBaseUrl != null) {
      v = v.replace(NOAA_URL, noaaBaseUrl);
    }
    if (engineUrl != null) {
      v = v.replace(ENGINE_URL, engineUrl);
    }
    return v;
  }
}
