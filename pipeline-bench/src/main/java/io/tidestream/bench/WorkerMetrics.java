package io.tidestream.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.AttributeNotFoundException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Connect worker's metrics over JMX, read as jconsole would: attached to the worker's JVM (same
 * user) through its local management agent. Reads the sink's own task metrics ({@code
 * kafka.connect:type=plugins,connector=…,task=…}); the bench calls no connector class.
 */
final class WorkerMetrics implements AutoCloseable {

  /** One task's produce→acknowledged metric; NaN when nothing was acknowledged in the window. */
  record AckLatency(double p50, double p99, double max) {

    static final AckLatency NONE = new AckLatency(Double.NaN, Double.NaN, Double.NaN);

    /**
     * The worst of several tasks' readings, each percentile on its own (a task that acknowledged
     * nothing, NaN, is left out): the page quotes what the slowest task's records saw.
     */
    static AckLatency worst(List<AckLatency> tasks) {
      return new AckLatency(
          worstOf(tasks.stream().mapToDouble(AckLatency::p50).toArray()),
          worstOf(tasks.stream().mapToDouble(AckLatency::p99).toArray()),
          worstOf(tasks.stream().mapToDouble(AckLatency::max).toArray()));
    }

    private static double worstOf(double[] values) {
      double worst = Double.NaN;
      for (double v : values) {
        if (!Double.isNaN(v) && !Double.isInfinite(v) && (Double.isNaN(worst) || v > worst)) {
          worst = v;
        }
      }
      return worst;
    }
  }

  private final JMXConnector connector;
  private final MBeanServerConnection server;

  private WorkerMetrics(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
  }

  /** Attaches to the worker JVM {@code pid}. */
  static WorkerMetrics attach(long pid) {
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        String address = vm.startLocalManagementAgent();
        return new WorkerMetrics(JMXConnectorFactory.connect(new JMXServiceURL(address)));
      } finally {
        vm.detach();
      }
    } catch (Exception e) {
      throw new BenchException(
          "Cannot read the Connect worker's metrics over JMX (attach to pid "
              + pid
              + "): "
              + e.getMessage()
              + ". The bench must run as the worker's user on a JDK with the jdk.attach module.",
          e);
    }
  }

  /** Documents the engine acknowledged, all tasks of {@code connectorName} together. */
  long documentsIndexed(String connectorName) {
    long sum = 0;
    for (ObjectName task : tasks(connectorName)) {
      double v = attribute(task, "documents-indexed-total");
      sum += Double.isNaN(v) ? 0 : (long) v;
    }
    return sum;
  }

  /** {@code record-ack-latency-p50/-p99/-max} of the worst task of {@code connectorName}. */
  AckLatency ackLatency(String connectorName) {
    List<AckLatency> perTask = new ArrayList<>();
    for (ObjectName task : tasks(connectorName)) {
      perTask.add(
          new AckLatency(
              attribute(task, "record-ack-latency-p50"),
              attribute(task, "record-ack-latency-p99"),
              attribute(task, "record-ack-latency-max")));
    }
    return perTask.isEmpty() ? AckLatency.NONE : AckLatency.worst(perTask);
  }

  private Set<ObjectName> tasks(String connectorName) {
    try {
      return server.queryNames(
          new ObjectName("kafka.connect:type=plugins,connector=" + connectorName + ",task=*"),
          null);
    } catch (IOException | JMException e) {
      throw new BenchException("Reading the worker's JMX beans failed: " + e.getMessage(), e);
    }
  }

  private double attribute(ObjectName bean, String name) {
    try {
      Object value = server.getAttribute(bean, name);
      return value instanceof Number n ? n.doubleValue() : Double.NaN;
    } catch (AttributeNotFoundException | InstanceNotFoundException e) {
      return Double.NaN; // the task is stopping, or the plugin predates the metric
    } catch (IOException | JMException e) {
      throw new BenchException("Reading " + name + " of " + bean + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException e) {
      // the worker may be gone already
    }
  }
}
