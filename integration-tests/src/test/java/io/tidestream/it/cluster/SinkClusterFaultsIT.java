package io.tidestream.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, the sink half: the elastic-geo-sink on the launcher's 3-worker cluster drains a topic
 * prefilled with {@link #PREFILL} records while a producer adds about {@link #LIVE_PER_SECOND}
 * records a second, through a worker crash ({@code kill -9}) while the backlog drains, a rolling
 * restart of the three workers and a broker restart. In the end the index holds exactly the
 * produced ids, once each, nothing is dead-lettered, every offset is committed and the connector
 * and its tasks run; no FAILED state is seen by a status poll every 2 s through the faults.
 *
 * <p>Document ids come from the value ({@code station_id|product|time}, unique per record), so a
 * record indexed again after a crash overwrites its document: a redelivery is not a duplicate, and
 * a lost record is a missing id.
 */
class SinkClusterFaultsIT {

  static final int PREFILL = 200_000;
  static final int PARTITIONS = 6;
  static final int TASKS = 3;
  static final int LIVE_PER_SECOND = 200;

  /** Distinct station ids; each record's time is one minute after its station's last one. */
  static final int STATIONS = 100;

  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  static final String CONNECTOR = "faults-sink";
  static final String TOPIC = "faults.water_level";
  static final String DLQ = "faults.dlq";
  static final String INDEX = "faults-water-level";

  private final long started = System.nanoTime();

  @Test
  void aBacklogAndLiveTrafficAreIndexedExactlyOnceThroughACrashARollingRestartAndABrokerRestart()
      throws Exception {
    try (LauncherCluster cluster = LauncherCluster.up("sink-faults", null, 1, 0)) {
      log("cluster up");
      ConnectRestClient rest = cluster.rest();
      // only this sink loads the cluster: not the pipeline's own source and sink of config/
      for (String c : rest.connectors()) {
        rest.delete(c);
      }
      KafkaTool kafka = new KafkaTool(cluster.bootstrapServers());
      EngineTool engine = new EngineTool(cluster.engineUrl());
      kafka.createTopic(TOPIC, PARTITIONS);
      kafka.createTopic(DLQ, 1);

      Set<String> expected = new HashSet<>(PREFILL * 2);
      kafka.produce(TOPIC, prefill(expected));
      assertThat(kafka.count(TOPIC))
          .as("records in %s after the prefill", TOPIC)
          .isEqualTo(PREFILL);
      log("prefilled " + PREFILL + " records");

      LiveProducer live = new LiveProducer(cluster.bootstrapServers(), PREFILL);
      Thread liveThread = new Thread(live, "live-producer");
      liveThread.start();
      StatusWatch watch = new StatusWatch(cluster);
      try {
        rest.putConnector(CONNECTOR, sinkConfig(cluster.engineUrl()));
        watch.start();

        // (a) kill -9 a worker that runs a sink task as soon as documents land
        await("first documents in " + INDEX)
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> engine.count(INDEX) > 0);
        awaitTasks(watch, "every task RUNNING before the crash", s -> true, 3);
        JsonNode status = watch.status();
        String victim = workerOf(cluster, status.path("tasks").get(0).path("worker_id").asText());
        long atKill = engine.count(INDEX);
        log("kill -9 " + victim + " (tasks " + assignment(status) + "); documents " + atKill);
        assertThat(atKill)
            .as("documents indexed when the worker is killed: the backlog must still be draining")
            .isLessThan(PREFILL);
        cluster.kill(victim);
        String victimId = workerId(cluster, victim);
        awaitTasks(
            watch, "every task RUNNING on the two other workers", s -> !runsOn(s, victimId), 5);
        log(
            "tasks moved off "
                + victim
                + " ("
                + assignment(watch.status())
                + "); documents "
                + engine.count(INDEX));
        cluster.start(victim);
        awaitSettled(kafka, watch, "after " + victim + " came back");
        log(victim + " back (" + assignment(watch.status()) + "); documents " + count(engine));

        // (b) rolling restart
        for (String worker : cluster.workers()) {
          log("restart " + worker + "; documents " + count(engine));
          cluster.restart(worker, false);
          awaitSettled(kafka, watch, "after the restart of " + worker);
          log(
              worker
                  + " restarted ("
                  + assignment(watch.status())
                  + "); documents "
                  + count(engine));
        }

        // (c) broker restart
        log("restart kafka; documents " + count(engine) + ", live sent " + live.acked.size());
        cluster.restart("kafka", false);
        awaitSettled(kafka, watch, "after the broker restart");
        log("kafka restarted; documents " + count(engine) + ", live sent " + live.acked.size());
        Thread.sleep(5_000); // some live traffic after the last fault too
      } finally {
        live.stop = true;
        liveThread.join(Duration.ofMinutes(11).toMillis());
      }
      assertThat(liveThread.isAlive()).as("live producer stopped").isFalse();
      assertThat(live.failures).as("live records the broker did not acknowledge").isEmpty();
      expected.addAll(live.acked);
      log(
          "producer stopped: "
              + live.acked.size()
              + " live records, "
              + expected.size()
              + " in all");
      assertThat(kafka.count(TOPIC))
          .as("records in %s: the prefill and every acknowledged live record, once", TOPIC)
          .isEqualTo(expected.size());

      Map<Integer, Long> end = kafka.endOffsets(TOPIC);
      await("every offset of " + TOPIC + " committed by connect-" + CONNECTOR)
          .failFast(StatusWatch.SAW_FAILED, watch::sawFailed)
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(() -> kafka.committed("connect-" + CONNECTOR, TOPIC).equals(end));
      log("all offsets committed; documents " + count(engine));
      watch.stop();

      assertThat(engine.count(INDEX)).as("documents in %s", INDEX).isEqualTo(expected.size());
      Set<String> ids = engine.ids(INDEX);
      assertThat(difference(expected, ids)).as("produced ids missing from the index").isEmpty();
      assertThat(difference(ids, expected)).as("ids in the index nobody produced").isEmpty();
      assertThat(ids).hasSize(expected.size());
      assertThat(kafka.count(DLQ)).as("records dead-lettered to %s", DLQ).isZero();
      assertThat(kafka.committed("connect-" + CONNECTOR, TOPIC))
          .as("committed offsets = end offsets")
          .isEqualTo(end);
      JsonNode last = watch.status();
      assertThat(last.path("connector").path("state").asText()).isEqualTo("RUNNING");
      assertThat(states(last)).as("task states at the end").containsOnly("RUNNING").hasSize(TASKS);
      assertThat(watch.failed)
          .as("FAILED states seen by the status poll every 2 s (%d polls)", watch.polls.get())
          .isEmpty();
      log(
          "done: "
              + ids.size()
              + " documents, "
              + watch.polls.get()
              + " status polls, "
              + watch.unreachable.get()
              + " of them unanswered");
    }
  }

  static Map<String, String> sinkConfig(String engineUrl) {
    Map<String, String> c = Connectors.pipelineSink(engineUrl, TOPIC, INDEX, DLQ);
    c.put("tasks.max", String.valueOf(TASKS));
    c.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    c.put("document.id.strategy", "record-fields");
    c.put("document.id.fields", "station_id,product,time");
    c.put("geo.lat.field", "lat");
    c.put("geo.lon.field", "lon");
    return c;
  }

  /** Records 0 … {@link #PREFILL}-1, their ids added to {@code ids}. */
  static List<Map.Entry<String, String>> prefill(Set<String> ids) {
    List<Map.Entry<String, String>> records = new ArrayList<>(PREFILL);
    for (long seq = 0; seq < PREFILL; seq++) {
      ids.add(id(seq));
      records.add(Map.entry(station(seq), value(seq)));
    }
    return records;
  }

  static String station(long seq) {
    return String.valueOf(9_700_000 + seq % STATIONS);
  }

  static String time(long seq) {
    return T0.plus(Duration.ofMinutes(seq / STATIONS)).toString();
  }

  static String id(long seq) {
    return station(seq) + "|water_level|" + time(seq);
  }

  /** NOAA-shaped JSON as the source writes it for the pipeline's sink (plain, one line). */
  static String value(long seq) {
    int s = (int) (seq % STATIONS);
    return "{\"station_id\":\""
        + station(seq)
        + "\",\"station_name\":\"Station "
        + s
        + "\",\"product\":\"water_level\",\"time\":\""
        + time(seq)
        + "\",\"value\":"
        + (seq % 300) / 100.0
        + ",\"lat\":"
        + (-60.0 + s)
        + ",\"lon\":"
        + (-170.0 + 3 * s)
        + "}";
  }

  /**
   * Waits until the connector and all {@link #TASKS} tasks are RUNNING and the sink's consumer
   * group is stable with every task a member: the cluster is done reacting to the last fault.
   */
  private void awaitSettled(KafkaTool kafka, StatusWatch watch, String when) {
    awaitTasks(watch, "every task RUNNING " + when, s -> true, 6);
    await("consumer group connect-" + CONNECTOR + " stable with " + TASKS + " members " + when)
        .failFast(StatusWatch.SAW_FAILED, watch::sawFailed)
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> kafka.groupStable("connect-" + CONNECTOR, TOPIC, TASKS));
  }

  private static void awaitTasks(
      StatusWatch watch, String what, java.util.function.Predicate<JsonNode> also, int minutes) {
    await(what)
        .failFast(StatusWatch.SAW_FAILED, watch::sawFailed)
        .atMost(Duration.ofMinutes(minutes))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode s = watch.status();
              return s != null
                  && s.path("connector").path("state").asText().equals("RUNNING")
                  && states(s).size() == TASKS
                  && states(s).stream().allMatch("RUNNING"::equals)
                  && also.test(s);
            });
  }

  private static List<String> states(JsonNode status) {
    List<String> states = new ArrayList<>();
    status.path("tasks").forEach(t -> states.add(t.path("state").asText()));
    return states;
  }

  private static boolean runsOn(JsonNode status, String workerId) {
    for (JsonNode t : status.path("tasks")) {
      if (t.path("worker_id").asText().equals(workerId)) {
        return true;
      }
    }
    return false;
  }

  /** Task id → worker port, for the log. */
  private static String assignment(JsonNode status) {
    List<String> parts = new ArrayList<>();
    status
        .path("tasks")
        .forEach(
            t ->
                parts.add(
                    t.path("id").asInt()
                        + "@"
                        + t.path("worker_id").asText().replaceAll(".*:", "")
                        + " "
                        + t.path("state").asText()));
    return String.join(", ", parts);
  }

  /** The {@code host:port} that Connect's status names a worker by. */
  private static String workerId(LauncherCluster cluster, String worker) {
    return cluster.workerUrl(worker).substring("http://".length());
  }

  private static String workerOf(LauncherCluster cluster, String workerId) {
    String port = workerId.replaceAll(".*:", "");
    return cluster.workers().stream()
        .filter(w -> cluster.workerUrl(w).endsWith(":" + port))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no worker listens on " + workerId));
  }

  private static long count(EngineTool engine) {
    return engine.count(INDEX);
  }

  private static List<String> difference(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).sorted().limit(20).collect(Collectors.toList());
  }

  private void log(String line) {
    System.out.printf(
        "[sink-faults +%ds %s] %s%n",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        Instant.now().toString().substring(11, 19),
        line);
  }

  /**
   * About {@link #LIVE_PER_SECOND} records a second with ids after the prefill's, until stopped.
   * Idempotent and patient (a broker restart only delays acknowledgements): only acknowledged
   * records count as produced, and a record the producer gave up on is a failure of the test.
   */
  static final class LiveProducer implements Runnable {
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final List<String> failures = new CopyOnWriteArrayList<>();
    volatile boolean stop;
    private final String bootstrap;
    private long seq;

    LiveProducer(String bootstrap, long firstSeq) {
      this.bootstrap = bootstrap;
      this.seq = firstSeq;
    }

    @Override
    public void run() {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(10).toMillis());
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Duration.ofMinutes(10).toMillis());
      int perTick = LIVE_PER_SECOND / 10;
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        while (!stop) {
          for (int i = 0; i < perTick; i++, seq++) {
            String id = id(seq);
            producer.send(
                new ProducerRecord<>(TOPIC, station(seq), value(seq)),
                (meta, e) -> {
                  if (e == null) {
                    acked.add(id);
                  } else {
                    failures.add(id + ": " + e);
                  }
                });
          }
          Thread.sleep(100);
        }
        producer.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failures.add("interrupted");
      } catch (RuntimeException e) {
        failures.add("producer: " + e);
      }
    }
  }

  /**
   * Polls the connector's status every 2 s through any worker that answers, and keeps every FAILED
   * state it sees (connector or task, with its trace's first line).
   */
  static final class StatusWatch {
    static final String SAW_FAILED =
        "the status poll saw a FAILED state (its trace is in the test's output above)";

    final List<String> failed = new CopyOnWriteArrayList<>();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger unreachable = new AtomicInteger();
    private final LauncherCluster cluster;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    StatusWatch(LauncherCluster cluster) {
      this.cluster = cluster;
    }

    void start() {
      timer.scheduleWithFixedDelay(this::poll, 0, 2, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
      timer.shutdown();
      timer.awaitTermination(2, TimeUnit.MINUTES);
    }

    boolean sawFailed() {
      return !failed.isEmpty();
    }

    private void poll() {
      JsonNode s = status();
      polls.incrementAndGet();
      if (s == null) {
        unreachable.incrementAndGet();
        return;
      }
      if (s.path("connector").path("state").asText().equals("FAILED")) {
        failed("connector", s.path("connector"));
      }
      s.path("tasks")
          .forEach(
              t -> {
                if (t.path("state").asText().equals("FAILED")) {
                  failed("task " + t.path("id").asInt() + " on " + t.path("worker_id").asText(), t);
                }
              });
    }

    /** The connector's status from the first worker that answers, or null. */
    JsonNode status() {
      for (String w : cluster.workers()) {
        if (cluster.state().running(w).isEmpty()) {
          continue;
        }
        try {
          JsonNode s = new ConnectRestClient(cluster.workerUrl(w)).status(CONNECTOR);
          if (s != null) {
            return s;
          }
        } catch (RuntimeException e) {
          // stopping or not yet serving: ask the next one
        }
      }
      return null;
    }

    private void failed(String what, JsonNode state) {
      String trace = state.path("trace").asText();
      String line = what + ": " + firstLine(trace);
      if (!failed.contains(line)) {
        System.out.println("[sink-faults] FAILED " + what + ":\n" + trace);
      }
      failed.add(line);
    }

    private static String firstLine(String trace) {
      int nl = trace.indexOf('\n');
      return nl < 0 ? trace : trace.substring(0, nl);
    }
  }
}
