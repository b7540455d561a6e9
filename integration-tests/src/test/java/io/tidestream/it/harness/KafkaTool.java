package io.tidestream.it.harness;

import io.tidestream.pipeline.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test chores on the harness's Kafka: create topics, produce strings, read everything back. */
public final class KafkaTool {

  /** A record as read back: key, value, headers (as UTF-8 text), partition and offset. */
  public record Message(
      String topic,
      int partition,
      long offset,
      String key,
      String value,
      Map<String, String> headers) {}

  private final String bootstrap;

  /** On the Kafka at {@code bootstrap}: the suite's ({@code TestStack.kafkaTool()}) or another. */
  public KafkaTool(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(p);
  }

  public void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      Topics.create(admin, List.of(topic), partitions);
    }
  }

  /** Creates a topic with topic-level settings, e.g. {@code max.message.bytes}. */
  public void createTopic(String topic, int partitions, Map<String, String> configs) {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create topic " + topic, e);
    }
  }

  /** Sets topic-level settings of an existing topic. */
  public void alterTopic(String topic, Map<String, String> configs) {
    List<AlterConfigOp> ops =
        configs.entrySet().stream()
            .map(
                e ->
                    new AlterConfigOp(
                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .toList();
    try (Admin admin = admin()) {
      admin
          .incrementalAlterConfigs(
              Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot change the settings of topic " + topic, e);
    }
  }

  /** The offsets {@code group} has committed, by partition of {@code topic}; none yet: empty. */
  public Map<Integer, Long> committed(String group, String topic) {
    try (Admin admin = admin()) {
      Map<Integer, Long> offsets = new HashMap<>();
      admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(30, TimeUnit.SECONDS)
          .forEach(
              (tp, o) -> {
                if (tp.topic().equals(topic) && o != null) {
                  offsets.put(tp.partition(), o.offset());
                }
              });
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the offsets of group " + group, e);
    }
  }

  /** The end offset (the next offset to be written) of every partition of {@code topic}. */
  public Map<Integer, Long> endOffsets(String topic) {
    try (Admin admin = admin()) {
      int partitions = partitions(admin, topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < partitions; i++) {
        latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
      }
      Map<Integer, Long> offsets = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get(30, TimeUnit.SECONDS)
          .forEach((tp, o) -> offsets.put(tp.partition(), o.offset()));
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the end offsets of " + topic, e);
    }
  }

  private static int partitions(Admin admin, String topic) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get(30, TimeUnit.SECONDS)
        .get(topic)
        .partitions()
        .size();
  }

  /**
   * Whether {@code group} is stable with {@code members} members that share every partition of
   * {@code topic}: a sink whose tasks have all joined, so records produced now are read without a
   * rebalance in between.
   */
  public boolean groupStable(String group, String topic, int members) {
    try (Admin admin = admin()) {
      org.apache.kafka.clients.admin.ConsumerGroupDescription d =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(30, TimeUnit.SECONDS);
      int partitions = partitions(admin, topic);
      long assigned =
          d.members().stream()
              .flatMap(m -> m.assignment().topicPartitions().stream())
              .filter(tp -> tp.topic().equals(topic))
              .count();
      return d.groupState() == org.apache.kafka.common.GroupState.STABLE
          && d.members().size() == members
          && assigned == partitions;
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * Sends key/value pairs (values may be null: tombstones) and waits until all are acknowledged.
   */
  public void produce(String topic, List<Map.Entry<String, String>> records) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Large records for the tests that need them; the topic's max.message.bytes still decides what
    // it takes.
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
      for (Map.Entry<String, String> r : records) {
        producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
      }
      producer.flush();
    }
  }

  /**
   * Offsets the topic spans now (end − start over all partitions): its record count, unless it was
   * written in transactions, whose commit markers take offsets too (then use {@link #readAll}).
   */
  public long count(String topic) {
    try (Admin admin = admin()) {
      return Topics.records(admin, List.of(topic));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot count " + topic, e);
    }
  }

  /**
   * Every committed record now in the topic, read from the beginning up to the end offsets taken at
   * the start ({@code read_committed}, so aborted transactions are not seen).
   */
  public List<Message> readAll(String topic, Duration timeout) {
    return readAll(topic, timeout, true);
  }

  /**
   * Every record now in the topic, as {@link #readAll(String, Duration)}; with {@code
   * committedOnly} false ({@code read_uncommitted}) the records of aborted transactions too.
   */
  public List<Message> readAll(String topic, Duration timeout, boolean committedOnly) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        committedOnly ? "read_committed" : "read_uncommitted");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<Message> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
      Instant deadline = Instant.now().plus(timeout);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "Could not read " + topic + " to its end within " + timeout);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          Map<String, String> headers = new HashMap<>();
          for (Header h : r.headers()) {
            headers.put(
                h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
          }
          out.add(new Message(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers));
        }
      }
    }
    return out;
  }

  /** Names of the topics that start with {@code prefix}. */
  public List<String> topicsStartingWith(String prefix) {
    try (Admin admin = admin()) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(prefix))
          .sorted()
          .collect(Collectors.toList());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
