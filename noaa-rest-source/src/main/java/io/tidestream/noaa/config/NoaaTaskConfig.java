package io.tidestream.noaa.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.pace.RequestSlots;
import io.tidestream.noaa.plan.UnitId;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connector writes into each task's configuration besides its own keys, and what the task
 * reads from it: the task's units, its number {@code i} and the task count {@code n} (its turns in
 * the connector-wide request schedule), and the known station names and positions. These keys are
 * set by {@code NoaaSourceConnector}, never by hand.
 */
public final class NoaaTaskConfig {

  /** This task's units, as comma-separated {@link UnitId#key()}s. */
  public static final String UNITS = "noaa.task.units";

  /** This task's number {@code i} and the number of tasks {@code n} sharing the request slots. */
  public static final String INDEX = "noaa.task.index";

  public static final String COUNT = "noaa.task.count";

  /** The stations' names and positions, as a JSON list of {@link StationMeta}. */
  public static final String STATIONS = "noaa.task.stations";

  /** Each task's own rate, written by versions before the shared schedule; read only. */
  public static final String LEGACY_REQUESTS_PER_SECOND = "noaa.task.requests.per.second";

  private static final Logger log = LoggerFactory.getLogger(NoaaTaskConfig.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, String> props;
  private final NoaaSourceConfig source;
  private final List<UnitId> units;

  /**
   * Reads a task's configuration.
   *
   * @throws ConnectException naming the problem when the connector's keys are invalid or the task
   *     has no units
   */
  public NoaaTaskConfig(Map<String, String> props) {
    this.props = Map.copyOf(props);
    try {
      this.source = new NoaaSourceConfig(props);
    } catch (ConfigException e) {
      throw new ConnectException("Invalid NOAA source configuration: " + e.getMessage(), e);
    }
    this.units = unitsOf(props);
  }

  /** The task configuration of task {@code index} of {@code count}, for {@code units}. */
  public static Map<String, String> forTask(
      Map<String, String> connectorProps,
      List<UnitId> units,
      int index,
      int count,
      List<StationMeta> stations) {
    Map<String, String> task = new HashMap<>(connectorProps);
    task.put(UNITS, String.join(",", units.stream().map(UnitId::key).toList()));
    task.put(INDEX, Integer.toString(index));
    task.put(COUNT, Integer.toString(count));
    try {
      task.put(STATIONS, MAPPER.writeValueAsString(stations));
    } catch (JsonProcessingException e) {
      throw new ConnectException("Cannot encode station metadata for tasks", e);
    }
    return task;
  }

  /** The connector's own configuration. */
  public NoaaSourceConfig source() {
    return source;
  }

  /** This task's units, in the connector's order. */
  public List<UnitId> units() {
    return units;
  }

  private static List<UnitId> unitsOf(Map<String, String> props) {
    String keys = props.get(UNITS);
    if (keys == null || keys.isBlank()) {
      throw new ConnectException(
          "Task has no " + UNITS + "; tasks are configured by NoaaSourceConnector, not by hand");
    }
    return Arrays.stream(keys.split(",")).map(String::trim).map(UnitId::parseKey).toList();
  }

  /** The stations' names and positions by id; empty (with a WARN) when unreadable. */
  public Map<String, StationMeta> stations() {
    String json = props.get(STATIONS);
    Map<String, StationMeta> out = new HashMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    try {
      List<StationMeta> list = MAPPER.readValue(json, new TypeReference<>() {});
      list.forEach(m -> out.put(m.id(), m));
    } catch (IOException e) {
      log.warn("Ignoring unreadable station metadata in the task config ({})", e.getMessage());
    }
    return out;
  }

  /**
   * This task's share of the connector-wide schedule: task {@code i} of {@code n} at the
   * connector's rate, its first slot after {@code now}. A task config written by a version that
   * gave each task its own rate (no index or count) runs alone at that rate until the connector
   * rewrites the task configs.
   */
  public RequestSlots slots(Instant now) {
    String index = props.get(INDEX);
    String count = props.get(COUNT);
    if (index == null || count == null) {
      String legacy = props.get(LEGACY_REQUESTS_PER_SECOND);
      double rate = legacy == null ? source.requestsPerSecond() : Double.parseDouble(legacy);
      return new RequestSlots(rate, 0, 1, now);
    }
    try {
      return new RequestSlots(
          source.requestsPerSecond(),
          Integer.parseInt(index.trim()),
          Integer.parseInt(count.trim()),
          now);
    } catch (IllegalArgumentException e) {
      throw new ConnectException(
          "Task config has an unusable "
              + INDEX
              + "/"
              + COUNT
              + " ("
              + index
              + "/"
              + count
              + "): "
              + e.getMessage()
              + "; tasks are configured by "
              + "NoaaSourceConnector, not by hand",
          e);
    }
  }
}
