package io.tidestream.lag.model;

import java.time.Instant;
import java.util.List;

/** Everything one successful poll measured, sorted by group, topic and partition. */
public record LagSnapshot(
    List<GroupSummary> groups, List<PartitionLag> partitions, Instant takenAt) {

  public LagSnapshot {
    groups = List.copyOf(groups);
    partitions = List.copyOf(partitions);
  }
}
