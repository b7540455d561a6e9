package io.tidestream.it.harness;

import com.sun.tools.attach.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Reads a worker's MBeans by attaching to its JVM (same user), as jconsole would. */
public final class WorkerJmx {
  private WorkerJmx() {}

  public record Bean(ObjectName name, double value) {}

  /**
   * Beans matching {@code pattern} in the JVM {@code pid}, each with the numeric {@code attribute}.
   */
  public static List<Bean> read(long pid, String pattern, String attribute) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      String address = vm.startLocalManagementAgent();
      try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
        MBeanServerConnection server = connector.getMBeanServerConnection();
        Set<ObjectName> names = server.queryNames(new ObjectName(pattern), null);
        List<Bean> beans = new ArrayList<>();
        for (ObjectName name : names) {
          Object value = server.getAttribute(name, attribute);
          beans.add(new Bean(name, value instanceof Number n ? n.doubleValue() : Double.NaN));
        }
        return beans;
      }
    } finally {
      vm.detach();
    }
  }

  /**
   * The sum of the numeric {@code attribute} over the plugin-metrics beans of {@code connector}'s
   * tasks on every worker of {@code connect}.
   */
  public static double sumOverTasks(ConnectCluster connect, String connector, String attribute)
      throws Exception {
    double sum = 0;
    for (var worker : connect.workers()) {
      for (Bean bean :
          read(
              worker.process().pid(),
              "kafka.connect:type=plugins,connector=" + connector + ",task=*",
              attribute)) {
        sum += bean.value();
      }
    }
    return sum;
  }
}
