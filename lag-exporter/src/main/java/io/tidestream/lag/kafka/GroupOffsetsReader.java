package io.tidestream.lag.kafka;

import io.tidestream.lag.model.GroupReading;
import io.tidestream.lag.model.LagCalculator;
import io.tidestream.lag.model.LagSnapshot;
import io.tidestream.lag.model.TopicPartitionKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Asks the broker, through the Kafka {@link Admin} client, for what the lag of every consumer group
 * whose id matches a pattern is made of: the groups, their members and assignments, their committed
 * offsets, and the log-end (and, where nothing is committed, log-start) offsets of their
 * partitions. A group that vanished meanwhile or a deleted topic is skipped; anything else (Kafka
 * unreachable, a timeout) fails the whole poll.
 */
public final class GroupOffsetsReader {

  private final Admin admin;
  private final Pattern groups;
  private final Duration timeout;
  private final Clock clock;

  public GroupOffsetsReader(Admin admin, Pattern groups, Duration timeout, Clock clock) {
    this.admin = admin;
    this.groups = groups;
    this.timeout = timeout;
    this.clock = clock;
  }

  public LagSnapshot read() throws Exception {
    List<String> ids = new ArrayList<>();
    for (GroupListing g : get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all())) {
      if (groups.matcher(g.groupId()).matches()) {
        ids.add(g.groupId());
      }
    }
    if (ids.isEmpty()) {
      return LagCalculator.compute(List.of(), Map.of(), Map.of(), clock.instant());
    }

    Map<String, KafkaFuture<ConsumerGroupDescription>> described =
        admin.describeConsumerGroups(ids).describedGroups();
    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
    var offsets = admin.listConsumerGroupOffsets(specs);

    List<GroupReading> readings = new ArrayList<>();
    Set<TopicPartition> all = new HashSet<>();
    Set<TopicPartition> uncommitted = new HashSet<>();
    for (String id : ids) {
      ConsumerGroupDescription d;
      Map<TopicPartition, OffsetAndMetadata> committed;
      try {
        d = get(described.get(id));
        committed = get(offsets.partitionsToOffsetAndMetadata(id));
      } catch (GroupIdNotFoundException gone) {
        continue;
      }
      Map<TopicPartitionKey, Long> done = new HashMap<>();
      committed.forEach(
          (tp, om) -> {
            if (om != null) {
              done.put(key(tp), om.offset());
              all.add(tp);
            }
          });
      Set<TopicPartitionKey> assigned = new HashSet<>();
      for (MemberDescription m : d.members()) {
        for (TopicPartition tp : m.assignment().topicPartitions()) {
          assigned.add(key(tp));
          all.add(tp);
          if (!done.containsKey(key(tp))) {
            uncommitted.add(tp);
          }
        }
      }
      readings.add(new GroupReading(id, d.members().size(), done, assigned));
    }
    Map<TopicPartitionKey, Long> logEnd = offsets(all, OffsetSpec.latest());
    Map<TopicPartitionKey, Long> logStart = offsets(uncommitted, OffsetSpec.earliest());
    return LagCalculator.compute(readings, logEnd, logStart, clock.instant());
  }

  private Map<TopicPartitionKey, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
      throws Exception {
    Map<TopicPartitionKey, Long> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    ListOffsetsResult result = admin.listOffsets(request);
    for (TopicPartition tp : partitions) {
      try {
        out.put(key(tp), get(result.partitionResult(tp)).offset());
      } catch (UnknownTopicOrPartitionException deleted) {
        // its topic is gone: no lag to report for it
      }
    }
    return out;
  }

  private <T> T get(KafkaFuture<T> future) throws Exception {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new TimeoutException("Kafka did not answer within " + timeout.toSeconds() + " s");
    }
  }

  private static TopicPartitionKey key(TopicPartition tp) {
    return new TopicPartitionKey(tp.topic(), tp.partition());
  }
}
