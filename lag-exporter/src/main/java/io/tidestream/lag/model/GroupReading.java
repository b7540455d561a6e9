package io.tidestream.lag.model;

import java.util.Map;
import java.util.Set;

/**
 * What the broker said about one consumer group in one poll: how many members it has, the offset it
 * committed per partition, and the partitions its members are assigned (which may have no committed
 * offset yet).
 */
public record GroupReading(
    String group,
    int members,
    Map<TopicPartitionKey, Long> committed,
    Set<TopicPartitionKey> assigned) {

  public GroupReading {
    committed = Map.copyOf(committed);
    assigned = Set.copyOf(assigned);
  }
}
