package io.tidestream.it.remap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.it.harness.Connectors;
import io.tidestream.it.harness.EngineTool;
import io.tidestream.it.harness.KafkaTool;
import io.tidestream.it.harness.StackExtension;
import io.tidestream.it.harness.TestStack;
import io.tidestream.pipeline.engine.EngineKind;
import io.tidestream.pipeline.engine.SearchEngineNode;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.process.JsonHttp;
import io.tidestream.sim.NoaaSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./pipeline remap} on the real stack (Kafka, two Connect workers loading the ZIPs,
 * OpenSearch 2; Elasticsearch 8 for the seeded remap), run as a user runs it. On OpenSearch the
 * sink has the pipeline's layout ({@code index.name=tides-${topic}}, one index per topic behind the
 * read alias) and reads two topics: one the NOAA source fills from the simulator and keeps tailing
 * (real time: a new row every 6 minutes per station), one a producer keeps writing 20 records a
 * second to, so that records arrive all through the remap. A reader queries the alias every 200 ms.
 * The remap changes {@code station_name} from keyword to text with a keyword sub-field; the
 * rollback changes it back. The remap is killed (SIGKILL) once the second connector runs, and
 * {@code --rollback} then abandons it; a second attempt is killed once the second connector runs
 * and again once the old one is paused just before the flip, and each rerun goes on. Neither shows
 * the reader a failed query, an empty answer, a hit count lower than one it saw before, or an
 * answer drawn from both versions (where every document would count twice); afterwards the alias's
 * mapping is the new (then the old) one, the version it reads holds every document of the other
 * plus every record produced meanwhile, and exactly one sink connector of the pair remains,
 * running.
 */
@ExtendWith(StackExtension.class)
class RemapIT {

  static final long T = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final int HISTORY = 1000;
  static final String[] STATIONS = {"8724580", "8454000", "9447130", "9443090", "9497645"};

  @Test
  void aLiveMappingChangeAndItsRollbackNeverShowReadersAGapADropOrADuplicate(TestStack stack)
      throws Exception {
    SearchEngineNode engine = stack.engine(EngineKind.OPENSEARCH_2);
    KafkaTool kafka = stack.kafkaTool();
    ConnectRestClient connect = stack.connect().rest();
    String prefix = stack.uniqueName("remap").toLowerCase(Locale.ROOT);
    String topic = prefix + ".water_level";
    String sourceTopic = prefix + ".noaa";
    String dlq = prefix + ".dlq";
    String alias = prefix + "-tides";
    String sink = prefix + "-sink";
    String source = "source-" + prefix;
    // the pipeline's layout (config/elastic-sink.json): one index per topic behind the read alias
    List<String> v1 = List.of("tides-" + topic, "tides-" + sourceTopic);
    List<String> v2 = v1.stream().map(i -> i + "-v2").toList();
    kafka.createTopic(topic, 3);
    kafka.createTopic(sourceTopic, 3);
    kafka.createTopic(dlq, 1);
    EngineTool tool = new EngineTool(engine.url());

    Producer producer = new Producer(kafka.bootstrapServers(), topic);
    Reader reader = new Reader(engine.url(), alias);
    NoaaSimulator simulator = NoaaSimulator.builder().port(0).seed(15).start();
    try {
      producer.send(HISTORY);
      String start =
          Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS).toString();
      stack
          .connect()
          .startConnector(
              source,
              Connectors.source(
                  simulator.baseUrl(), sourceTopic, "8724580,9447130", "water_level", start),
              1);
      Map<String, String> config =
          Connectors.pipelineSink(engine.url(), topic + "," + sourceTopic, "tides-${topic}", dlq);
      config.put("mapping.read.alias", alias);
      config.put("mapping.template.name", prefix + "-tpl");
      config.remove("mapping.template.patterns"); // one per topic, from index.name
      config.put("document.id.fields", "station_id,product,time");
      config.put("mapping.index.settings", "{\"number_of_replicas\":0}");
      stack.connect().startConnector(sink, config, 2);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> tool.count(v1.get(0)) == HISTORY && tool.count(v1.get(1)) > 0);
      for (String index : v1) {
        assertThat(stationNameType(tool, alias, index)).as(index).isEqualTo("keyword");
      }

      producer.start();
      reader.start();
      Path template = Files.createTempFile("remap-template-", ".json");
      Files.writeString(template, template("text"), StandardCharsets.UTF_8);

      List<String> remapArgs =
          List.of("remap", "--connector", sink, "--template", template.toString());

      // a remap killed (SIGKILL, as a crash) once the second connector runs, then abandoned with
      // --rollback: the readers never left v1, the second connector and its offsets go (were they
      // kept, the next remap's sink-v2 would resume from them and miss what the deleted v2 held)
      killAfter(stack, engine, remapArgs, "Waiting for " + sink + "-v2");
      Run abandon = pipeline(stack, engine, List.of("remap", "--rollback", "--connector", sink));
      assertThat(abandon.exitCode()).as(abandon.output()).isZero();
      assertThat(abandon.output())
          .contains(
              "abandoning it",
              "deleted " + sink + "-v2 and reset its offsets",
              "still reads tides-${topic}");
      assertThat(aliasIndices(tool, alias)).containsExactlyInAnyOrderElementsOf(v1);
      assertOnlyRunning(stack, prefix, sink);
      // as the command says: the partly filled indices may go, and the names are free again
      new JsonHttp(Duration.ofSeconds(30))
          .delete(engine.url() + "/" + String.join(",", v2) + "?ignore_unavailable=true");

      // the remap, killed once the second connector runs and again once the old connector is
      // paused, just before the flip; each rerun goes on where the last one stopped
      killAfter(stack, engine, remapArgs, "Waiting for " + sink + "-v2");
      killAfter(stack, engine, remapArgs, "Paused " + sink + " ");
      Run remap = pipeline(stack, engine, remapArgs);
      assertThat(remap.exitCode()).as(remap.output()).isZero();
      assertThat(remap.output())
          .contains("did not finish; going on with it", "Switched " + alias, "Done: ");
      assertThat(aliasIndices(tool, alias)).containsExactlyInAnyOrderElementsOf(v2);
      for (String index : v2) {
        assertThat(stationNameType(tool, alias, index)).as(index).isEqualTo("text");
        assertThat(
                tool.get("/" + alias + "/_mapping")
                    .json()
                    .path(index)
                    .path("mappings")
                    .path("properties")
                    .path("station_name")
                    .path("fields")
                    .path("keyword")
                    .path("type")
                    .asText())
            .isEqualTo("keyword");
      }
      assertOnlyRunning(stack, prefix, sink + "-v2");
      assertHoldsEverything(tool, v2.get(0), tool.ids(v1.get(0)), producer.acked());
      assertHoldsEverything(tool, v2.get(1), tool.ids(v1.get(1)), Set.of());
      assertThat(reader.sawIndices()).contains(v1.get(0), v2.get(0));

      // the rollback
      Run rollback = pipeline(stack, engine, List.of("remap", "--rollback", "--connector", sink));
      assertThat(rollback.exitCode()).as(rollback.output()).isZero();
      assertThat(rollback.output()).contains("Rolling back", "Switched " + alias, "Done: ");
      assertThat(aliasIndices(tool, alias)).containsExactlyInAnyOrderElementsOf(v1);
      for (String index : v1) {
        assertThat(stationNameType(tool, alias, index)).as(index).isEqualTo("keyword");
      }
      assertOnlyRunning(stack, prefix, sink);
      assertHoldsEverything(tool, v1.get(0), tool.ids(v2.get(0)), producer.acked());
      assertHoldsEverything(tool, v1.get(1), tool.ids(v2.get(1)), Set.of());

      reader.stop();
      assertReaderSawNoGap(reader);
      assertEveryRecordOnce(tool, v1.get(0), producer);

      // dropping the version readers left: only with --yes, then its indices and template go
      Run unsure = pipeline(stack, engine, List.of("remap", "--drop-old", "--connector", sink));
      assertThat(unsure.exitCode()).as(unsure.output()).isEqualTo(1);
      assertThat(unsure.output()).contains("deletes the index tides-${topic}-v2", "add --yes");
      assertThat(tool.get("/" + v2.get(0) + "/_count").status()).isEqualTo(200);
      Run drop =
          pipeline(stack, engine, List.of("remap", "--drop-old", "--yes", "--connector", sink));
      assertThat(drop.exitCode()).as(drop.output()).isZero();
      assertThat(drop.output())
          .contains("Deleted tides-${topic}-v2 and the index template " + prefix + "-tpl-v2");
      for (String index : v2) {
        assertThat(tool.get("/" + index + "/_count").status()).isEqualTo(404);
      }
      assertThat(tool.get("/_index_template/" + prefix + "-tpl-v2").status()).isEqualTo(404);
      assertThat(aliasIndices(tool, alias)).containsExactlyInAnyOrderElementsOf(v1);
    } finally {
      reader.stop();
      producer.close();
      for (String c : connect.connectors()) {
        if (c.startsWith(prefix) || c.equals(source)) {
          connect.delete(c);
        }
      }
      simulator.close();
    }
  }

  static List<String> aliasIndices(EngineTool tool, String alias) {
    List<String> indices = new ArrayList<>();
    tool.get("/_alias/" + alias).json().fieldNames().forEachRemaining(indices::add);
    return indices;
  }

  /**
   * When the topic no longer holds the whole history (retention; here the first half of every
   * partition is deleted), the check before the flip finds the new version short of documents the
   * old one holds although the new connector has passed the old one's offsets, and remap copies
   * them from the old version (with {@code _reindex} where the engine has it; the integ-test
   * distribution has not, so the launcher's own copy runs here): the new version ({@code value} as
   * {@code float}) holds every document of the old plus what arrived meanwhile, and the reader sees
   * no gap. Nobody had to say that history was lost. On Elasticsearch 8, so that the remap runs on
   * both engine families (the sink ITs start that engine in the same test JVM anyway).
   */
  @Test
  void whenTheTopicLostPartOfTheHistoryTheOldVersionSeedsTheNewOne(TestStack stack)
      throws Exception {
    SearchEngineNode engine = stack.engine(EngineKind.ELASTICSEARCH_8);
    KafkaTool kafka = stack.kafkaTool();
    ConnectRestClient connect = stack.connect().rest();
    String prefix = stack.uniqueName("reseed").toLowerCase(Locale.ROOT);
    String topic = prefix + ".water_level";
    String dlq = prefix + ".dlq";
    String alias = prefix + "-tides";
    String v1 = alias + "-v1";
    String v2 = alias + "-v2";
    String sink = prefix + "-sink";
    kafka.createTopic(topic, 3);
    kafka.createTopic(dlq, 1);
    EngineTool tool = new EngineTool(engine.url());

    Producer producer = new Producer(kafka.bootstrapServers(), topic);
    Reader reader = new Reader(engine.url(), alias);
    try {
      producer.send(HISTORY);
      Map<String, String> config = Connectors.pipelineSink(engine.url(), topic, v1, dlq);
      config.put("mapping.read.alias", alias);
      config.put("document.id.fields", "uid");
      config.put("mapping.index.settings", "{\"number_of_replicas\":0}");
      stack.connect().startConnector(sink, config, 2);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> tool.count(alias) == HISTORY);
      long deleted = deleteFirstHalf(kafka, topic);
      assertThat(deleted).isGreaterThan(HISTORY / 3);

      Path wrong = Files.createTempFile("remap-template-", ".json");
      Files.writeString(wrong, template("date"), StandardCharsets.UTF_8);
      Run refused =
          pipeline(
              stack, engine, List.of("remap", "--connector", sink, "--template", wrong.toString()));
      assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
      assertThat(refused.output())
          .contains("would reject documents that " + v1 + " holds", "[station_name]");
      assertThat(connect.connectors().stream().filter(c -> c.startsWith(prefix)))
          .containsExactly(sink);
      assertThat(tool.get("/remap-probe-" + sink + "/_count").status()).isEqualTo(404);

      producer.start();
      reader.start();
      Path template = Files.createTempFile("remap-template-", ".json");
      Files.writeString(
          template, template("keyword", "{\"type\":\"float\"}"), StandardCharsets.UTF_8);
      Run remap =
          pipeline(
              stack,
              engine,
              List.of("remap", "--connector", sink, "--template", template.toString()));
      assertThat(remap.exitCode()).as(remap.output()).isZero();
      // the integ-test distribution has no reindex module: the launcher copies (scroll, bulk)
      assertThat(remap.output())
          .contains(
              "the topics no longer hold the whole history",
              "The engine has no _reindex",
              "Seeded " + v2 + ":",
              "Done: ");
      assertThat(tool.get("/_alias/" + alias).json().fieldNames()).toIterable().containsExactly(v2);
      assertThat(
              tool.get("/" + alias + "/_mapping")
                  .json()
                  .path(v2)
                  .path("mappings")
                  .path("properties")
                  .path("value")
                  .path("type")
                  .asText())
          .isEqualTo("float");
      assertOnlyRunning(stack, prefix, sink + "-v2");
      assertHoldsEverything(tool, v2, tool.ids(v1), producer.acked());

      reader.stop();
      assertReaderSawNoGap(reader);
      assertThat(reader.sawIndices()).contains(v1, v2);
      assertEveryRecordOnce(tool, alias, producer);
    } finally {
      reader.stop();
      producer.close();
      for (String c : connect.connectors()) {
        if (c.startsWith(prefix)) {
          connect.delete(c);
        }
      }
    }
  }

  /** Deletes the first half of every partition, as retention would; returns how many records. */
  static long deleteFirstHalf(KafkaTool kafka, String topic) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < 3; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
      long total = 0;
      for (var e : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
        long half = e.getValue().offset() / 2;
        delete.put(e.getKey(), RecordsToDelete.beforeOffset(half));
        total += half;
      }
      admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
      return total;
    }
  }

  /**
   * Once the producer stops: the alias holds every record it produced, each once (ids are the
   * records' unique {@code uid}s, and as many hits as ids).
   */
  static void assertEveryRecordOnce(EngineTool tool, String alias, Producer producer) {
    producer.close();
    Set<String> produced = producer.acked();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> tool.count(alias) >= produced.size());
    assertThat(tool.count(alias)).isEqualTo(produced.size());
    assertThat(tool.ids(alias)).isEqualTo(produced);
  }

  static void assertReaderSawNoGap(Reader reader) {
    assertThat(reader.reads()).as("reads of the alias").isGreaterThan(50);
    assertThat(reader.failures()).as("failed queries").isEmpty();
    assertThat(reader.zeroes()).as("answers with no hit").isEmpty();
    assertThat(reader.drops()).as("hit counts below one seen before").isEmpty();
    assertThat(reader.bothVersions()).as("answers drawn from both versions").isEmpty();
  }

  /** The new (or old) template: the builtin NOAA mapping with station_name as {@code type}. */
  static String template(String stationNameType) {
    return template(stationNameType, "{\"type\":\"double\"}");
  }

  static String template(String stationNameType, String valueMapping) {
    String stationName =
        stationNameType.equals("text")
            ? "{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\"}}}"
            : "{\"type\":\"" + stationNameType + "\"}";
    return "{\"settings\":{\"number_of_shards\":1},\"mappings\":{"
        + "\"dynamic_templates\":[{\"strings_as_keywords\":{\"match_mapping_type\":\"string\","
        + "\"mapping\":{\"type\":\"keyword\",\"ignore_above\":256}}}],"
        + "\"properties\":{\"station_id\":{\"type\":\"keyword\"},\"station_name\":"
        + stationName
        + ",\"product\":{\"type\":\"keyword\"},\"time\":{\"type\":\"date\"},"
        + "\"value\":"
        + valueMapping
        + ",\"location\":{\"type\":\"geo_point\"}}}}";
  }

  static String stationNameType(EngineTool tool, String alias, String index) {
    return tool.get("/" + alias + "/_mapping")
        .json()
        .path(index)
        .path("mappings")
        .path("properties")
        .path("station_name")
        .path("type")
        .asText();
  }

  static void assertOnlyRunning(TestStack stack, String prefix, String name) {
    List<String> ours =
        stack.connect().rest().connectors().stream().filter(c -> c.startsWith(prefix)).toList();
    assertThat(ours).containsExactly(name);
    stack.connect().awaitRunning(name, 2, Duration.ofSeconds(60));
  }

  /** {@code index} holds every id of {@code other} and every record produced so far. */
  static void assertHoldsEverything(
      EngineTool tool, String index, Set<String> other, Set<String> produced) {
    Set<String> expected = new HashSet<>(other);
    expected.addAll(produced);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(tool.ids(index)).containsAll(expected));
  }

  /**
   * Runs {@code ./pipeline} with {@code args} and kills it with SIGKILL as soon as it prints a line
   * that starts with {@code line}.
   */
  static void killAfter(TestStack stack, SearchEngineNode engine, List<String> args, String line)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command(stack, engine, args)).redirectErrorStream(true);
    environment(pb);
    Process p = pb.start();
    p.getOutputStream().close();
    StringBuilder seen = new StringBuilder();
    boolean found = false;
    try (var out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = out.readLine(); l != null; l = out.readLine()) {
        seen.append(l).append('\n');
        if (l.startsWith(line)) {
          found = true;
          p.destroyForcibly();
          break;
        }
      }
    }
    p.waitFor(1, TimeUnit.MINUTES);
    System.out.printf("RemapIT: killed ./pipeline %s after:%n%s%n", String.join(" ", args), seen);
    assertThat(found).as("./pipeline printed '" + line + "' before it ended:\n" + seen).isTrue();
  }

  static List<String> command(TestStack stack, SearchEngineNode engine, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(stack.home().root().resolve("pipeline").toString());
    cmd.addAll(args);
    cmd.addAll(
        List.of(
            "--connect-url", stack.connect().workers().get(0).url(), "--engine-url", engine.url()));
    // the workers commit offsets every 5 s (config/connect-distributed.properties): 6 s without a
    // change still spans a commit, and keeps this test near two minutes (the default is 12)
    cmd.addAll(List.of("--settle-seconds", "6"));
    return cmd;
  }

  static void environment(ProcessBuilder pb) {
    pb.environment().put("TIDESTREAM_NO_BUILD", "1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
  }

  /** What a command printed, and how it ended. */
  record Run(int exitCode, String output) {}

  static Run pipeline(TestStack stack, SearchEngineNode engine, List<String> args)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command(stack, engine, args)).redirectErrorStream(true);
    environment(pb);
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
    }
    String output = new String(out, StandardCharsets.UTF_8);
    System.out.printf(
        "RemapIT: ./pipeline %s took %d s:%n%s%n",
        String.join(" ", args), (System.nanoTime() - start) / 1_000_000_000L, output);
    return new Run(p.exitValue(), output);
  }

  /** Writes NOAA-shaped records, each with a unique {@code uid}; 20 a second once started. */
  static final class Producer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Set<String> acked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private int next;

    Producer(String bootstrap, String topic) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      this.producer = new KafkaProducer<>(p);
      this.topic = topic;
      this.thread =
          new Thread(
              () -> {
                while (running) {
                  send(1);
                  try {
                    Thread.sleep(50);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "remap-it-producer");
    }

    synchronized void send(int n) {
      for (int i = 0; i < n; i++) {
        int k = next++;
        String station = STATIONS[k % STATIONS.length];
        // the document id the pipeline's sink gives it (station_id|product|time), carried as uid
        // too for a sink that takes its ids from that field
        String uid = station + "|water_level|" + (T + k * 60_000L);
        String value =
            "{\"uid\":\""
                + uid
                + "\",\"station_id\":\""
                + station
                + "\",\"station_name\":\"Station "
                + station
                + "\",\"product\":\"water_level\",\"time\":"
                + (T + k * 60_000L)
                + ",\"value\":"
                + (k % 500) / 100.0
                + ",\"lat\":24.5508,\"lon\":-81.8081}";
        producer.send(
            new ProducerRecord<>(topic, station, value),
            (meta, e) -> {
              if (e == null) {
                acked.add(uid);
              }
            });
      }
      producer.flush();
    }

    void start() {
      thread.start();
    }

    Set<String> acked() {
      return new TreeSet<>(acked);
    }

    @Override
    public void close() {
      running = false;
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      producer.close();
    }
  }

  /** Queries the read alias every 200 ms and keeps every answer a dashboard would get wrong. */
  static final class Reader {
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(10));
    private final String url;
    private final Thread thread;
    private volatile boolean running = true;
    private final List<String> failures = new ArrayList<>();
    private final List<String> zeroes = new ArrayList<>();
    private final List<String> drops = new ArrayList<>();
    private final List<String> both = new ArrayList<>();
    private final Set<String> indices = new TreeSet<>();
    private int reads;

    Reader(String engineUrl, String alias) {
      this.url = engineUrl + "/" + alias + "/_search";
      this.thread = new Thread(this::loop, "remap-it-reader");
    }

    void start() {
      thread.start();
    }

    private void loop() {
      long max = 0;
      String body =
          "{\"size\":0,\"track_total_hits\":true,"
              + "\"aggs\":{\"versions\":{\"terms\":{\"field\":\"_index\",\"size\":20}}}}";
      while (running) {
        long at = System.currentTimeMillis();
        try {
          JsonHttp.Response r = http.post(url, body);
          synchronized (this) {
            reads++;
            if (!r.ok()) {
              failures.add(at + ": HTTP " + r.status() + " " + r.body());
            } else {
              JsonNode answer = r.json();
              long total = answer.path("hits").path("total").path("value").asLong();
              JsonNode buckets = answer.path("aggregations").path("versions").path("buckets");
              buckets.forEach(b -> indices.add(b.path("key").asText()));
              if (total == 0) {
                zeroes.add(at + ": " + r.body());
              }
              if (total < max) {
                drops.add(at + ": " + total + " after " + max);
              }
              Set<Integer> versions = new TreeSet<>();
              buckets.forEach(b -> versions.add(version(b.path("key").asText())));
              if (versions.size() > 1) {
                both.add(at + ": " + buckets);
              }
              max = Math.max(max, total);
            }
          }
        } catch (RuntimeException e) {
          synchronized (this) {
            reads++;
            failures.add(at + ": " + e);
          }
        }
        try {
          Thread.sleep(Math.max(0, 200 - (System.currentTimeMillis() - at)));
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** The version an index name carries: {@code -vN}, or 1 without the suffix. */
    static int version(String index) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("-v(\\d+)$").matcher(index);
      return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(10_000);
    }

    synchronized int reads() {
      return reads;
    }

    synchronized List<String> failures() {
      return List.copyOf(failures);
    }

    synchronized List<String> zeroes() {
      return List.copyOf(zeroes);
    }

    synchronized List<String> drops() {
      return List.copyOf(drops);
    }

    synchronized List<String> bothVersions() {
      return List.copyOf(both);
    }

    synchronized Set<String> sawIndices() {
      return new TreeSet<>(indices);
    }
  }
}
