package io.tidestream.lag;

import io.tidestream.lag.exposition.MetricsServer;
import io.tidestream.lag.kafka.GroupOffsetsReader;
import io.tidestream.lag.poll.Poller;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the lag exporter as its own process. Prints exactly one line, {@code Lag exporter listening
 * on http://<host>:<port>/metrics}, once it listens, and stops on SIGTERM or Ctrl-C.
 */
@Command(
    name = "lag-exporter",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Serves the consumer lag of Kafka Connect's sink groups, measured on the broker "
            + "(log-end offset minus committed offset per partition), for Prometheus on /metrics.")
public final class LagExporterMain implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      required = true,
      description = "Kafka to ask, host:port[,host:port...].")
  String bootstrapServers;

  @Option(
      names = "--groups",
      description =
          "Regular expression the whole group id must match "
              + "(default: ${DEFAULT-VALUE}, the groups of Connect's sink connectors).")
  String groups = "connect-.*";

  @Option(
      names = "--interval-seconds",
      description = "Seconds between polls of Kafka (default: ${DEFAULT-VALUE}).")
  int intervalSeconds = 10;

  @Option(
      names = "--stale-after-seconds",
      description =
          "Keep serving the last good poll this long when polls "
              + "fail, then serve no lag (default: ${DEFAULT-VALUE}).")
  int staleAfterSeconds = 60;

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host = "127.0.0.1";

  @Option(
      names = "--port",
      description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
  int port = 9390;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      description =
          "Properties for the Kafka admin client "
              + "(security.protocol, sasl.*, ssl.*), as for Kafka's own command-line tools.")
  Path commandConfig;

  private final PrintWriter out;
  private final CountDownLatch stop;

  LagExporterMain(PrintWriter out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "lag-exporter-stop"));
    System.exit(new CommandLine(new LagExporterMain(out, stop)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Pattern pattern;
    try {
      pattern = Pattern.compile(groups);
    } catch (PatternSyntaxException e) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--groups " + groups + " is not a regular expression: " + e.getDescription());
    }
    if (intervalSeconds < 1 || staleAfterSeconds < intervalSeconds) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--interval-seconds must be at least 1 and "
              + "--stale-after-seconds at least as long (got "
              + intervalSeconds
              + " and "
              + staleAfterSeconds
              + ")");
    }
    Properties props = adminProperties();
    Duration interval = Duration.ofSeconds(intervalSeconds);
    Clock clock = Clock.systemUTC();
    try (Admin admin = Admin.create(props)) {
      GroupOffsetsReader reader =
          new GroupOffsetsReader(admin, pattern, Duration.ofSeconds(30), clock);
      try (Poller poller =
          new Poller(
              reader::read,
              interval,
              Duration.ofSeconds(staleAfterSeconds),
              bootstrapServers,
              clock)) {
        MetricsServer server;
        try {
          server = MetricsServer.start(host, port, poller::state, clock);
        } catch (BindException e) {
          throw new CommandLine.ParameterException(
              new CommandLine(this),
              "Port "
                  + port
                  + " on "
                  + host
                  + " is taken: stop what uses it or pick another with --port");
        }
        try (server) {
          poller.start();
          out.println(
              "Lag exporter listening on http://" + host + ":" + server.port() + "/metrics");
          stop.await();
        }
      }
    }
    return 0;
  }

  private Properties adminProperties() throws IOException {
    Properties props = new Properties();
    if (commandConfig != null) {
      if (!Files.isRegularFile(commandConfig)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this),
            "--command-config "
                + commandConfig
                + " does not exist: give the path of a properties file");
      }
      try (InputStream in = Files.newInputStream(commandConfig)) {
        props.load(in);
      }
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tidestream-lag-exporter");
    props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
    props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return props;
  }
}
