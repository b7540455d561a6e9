package io.tidestream.pipeline.kafka;

import io.tidestream.pipeline.LauncherException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic chores: create the pipeline's topics, count what they hold. */
public final class Topics {
  private Topics() {}

  /** Creates the topics that do not exist yet, with one replica (a single broker). */
  public static void create(Admin admin, Collection<String> names, int partitions) {
    if (names.isEmpty()) {
      return;
    }
    List<NewTopic> topics =
        names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
    admin
        .createTopics(topics)
        .values()
        .forEach(
            (name, f) -> {
              try {
                f.get(30, TimeUnit.SECONDS);
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw new LauncherException(
                      "Cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
              } catch (Exception e) {
                throw new LauncherException("Cannot create topic " + name + ": " + e, e);
              }
            });
  }

  /** Records now held by the topics that are not internal (end offset − start offset). */
  public static long records(Admin admin) throws Exception {
    Set<String> names =
        admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
            .filter(t -> !t.startsWith("_"))
            .collect(Collectors.toSet());
    return records(admin, names);
  }

  public static long records(Admin admin, Collection<String> topicNames) throws Exception {
    if (topicNames.isEmpty()) {
      return 0;
    }
    Map<String, TopicDescription> described =
        admin.describeTopics(topicNames).allTopicNames().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest =
        described.values().stream()
            .flatMap(
                d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
            .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
    Map<TopicPartition, OffsetSpec> earliest =
        latest.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
        admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
    return ends.entrySet().stream()
        .mapToLong(e -> e.getValue().offset() - starts.get(e.getKey()).offset())
        .sum();
  }
}
