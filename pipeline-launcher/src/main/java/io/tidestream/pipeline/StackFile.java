package io.tidestream.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code stack.json}: what a start runs where, and the names of its components in start order,
 * which {@code status}, {@code logs} and {@code down} read back.
 */
final class StackFile {

  private StackFile() {}

  /** The components a start with these options runs, in start order. */
  static List<String> components(PipelineStack.Options o, MonitoringPlan monitoring) {
    List<String> components = new ArrayList<>();
    components.add("kafka");
    if (o.simulateNoaa()) {
      components.add("simulator");
    }
    components.add(o.engine().id());
    for (int i = 1; i <= o.workers(); i++) {
      components.add("connect-" + i);
    }
    if (monitoring.lagExporterPort() > 0) {
      components.add("lag-exporter");
    }
    if (monitoring.prometheus() != null) {
      components.add("prometheus");
    }
    return components;
  }

  /** The components recorded in the state folder's stack.json, in start order. */
  static List<String> components(StateDir state) {
    List<String> names = new ArrayList<>();
    state.stack().ifPresent(s -> s.path("components").forEach(c -> names.add(c.asText())));
    return names;
  }

  static void write(
      StateDir state, PipelineStack.Options o, List<String> components, MonitoringPlan monitoring) {
    ObjectNode stack = JsonHttp.MAPPER.createObjectNode();
    stack.put("noaa", o.simulateNoaa() ? "sim" : "live");
    stack.put("engine", o.engine().id());
    stack.put("kafka", "127.0.0.1:" + o.kafkaPort());
    ArrayNode connect = stack.putArray("connect");
    o.connectPorts().forEach(p -> connect.add("http://127.0.0.1:" + p));
    stack.put("engineUrl", "http://127.0.0.1:" + o.enginePort());
    if (o.simulateNoaa()) {
      stack.put("simulator", "http://127.0.0.1:" + o.simPort());
    }
    ArrayNode exporters = stack.putArray("exporters");
    monitoring.exporterTargets().forEach(t -> exporters.add("http://" + t + "/metrics"));
    if (monitoring.lagExporterPort() > 0) {
      stack.put("lagExporter", "http://127.0.0.1:" + monitoring.lagExporterPort() + "/metrics");
    }
    if (monitoring.prometheus() != null) {
      stack.put("prometheus", "http://127.0.0.1:" + o.prometheusPort());
    }
    stack.put("engineRoot", state.engineRoot().toString());
    ArrayNode list = stack.putArray("components");
    components.forEach(list::add);
    // what restart needs to start a component again as this start did
    stack.set("options", JsonHttp.MAPPER.valueToTree(o));
    ArrayNode jvmArgs = stack.putArray("workerJvmArgs");
    for (int i = 0; i < o.workers(); i++) {
      jvmArgs.add(JsonHttp.MAPPER.valueToTree(monitoring.workerJvmArgs(i)));
    }
    state.writeStack(stack);
  }

  /**
   * The options of the start recorded in stack.json; empty when nothing was started there, or by a
   * launcher that did not record them.
   */
  static Optional<PipelineStack.Options> options(StateDir state) {
    return state
        .stack()
        .map(s -> s.get("options"))
        .map(
            node -> {
              try {
                return JsonHttp.MAPPER.treeToValue(node, PipelineStack.Options.class);
              } catch (JsonProcessingException e) {
                throw new LauncherException(
                    "Cannot read the start's options in "
                        + state.stackFile()
                        + " ("
                        + e.getOriginalMessage()
                        + "): stop with ./pipeline down and start again with ./pipeline up.");
              }
            });
  }

  /** The JVM arguments worker {@code connect-(i+1)} was started with. */
  static List<String> workerJvmArgs(StateDir state, int i) {
    List<String> args = new ArrayList<>();
    state
        .stack()
        .ifPresent(s -> s.path("workerJvmArgs").path(i).forEach(a -> args.add(a.asText())));
    return args;
  }
}
