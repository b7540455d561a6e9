package io.tidestream.lag.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The lag maths, apart from any I/O: per group and partition, log-end offset minus committed
 * offset; from the log-start offset where the group has committed nothing yet; never below zero (a
 * committed offset past the log end, after a topic was recreated, say, counts as no lag). A
 * partition whose log end is unknown (its topic was deleted) is left out.
 */
public final class LagCalculator {

  /** Connect names a sink connector's consumer group {@code connect-<connector>}. */
  public static final String CONNECT_GROUP_PREFIX = "connect-";

  private LagCalculator() {}

  public static LagSnapshot compute(
      List<GroupReading> groups,
      Map<TopicPartitionKey, Long> logEnd,
      Map<TopicPartitionKey, Long> logStart,
      Instant now) {
    List<GroupSummary> summaries = new ArrayList<>();
    List<PartitionLag> rows = new ArrayList<>();
    List<GroupReading> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparing(GroupReading::group));
    for (GroupReading g : sorted) {
      String connector = connectorOf(g.group());
      summaries.add(new GroupSummary(g.group(), connector, g.members()));
      TreeSet<TopicPartitionKey> partitions = new TreeSet<>(g.committed().keySet());
      partitions.addAll(g.assigned());
      for (TopicPartitionKey tp : partitions) {
        Long end = logEnd.get(tp);
        if (end == null) {
          continue;
        }
        Long committed = g.committed().get(tp);
        long from = committed != null ? committed : logStart.getOrDefault(tp, 0L);
        rows.add(
            new PartitionLag(
                g.group(),
                connector,
                tp,
                committed == null ? OptionalLong.empty() : OptionalLong.of(committed),
                end,
                Math.max(0, end - from)));
      }
    }
    return new LagSnapshot(summaries, rows, now);
  }

  /**
   * The group name without Connect's {@code connect-} prefix; other groups keep their whole name.
   */
  public static String connectorOf(String group) {
    return group.startsWith(CONNECT_GROUP_PREFIX) && group.length() > CONNECT_GROUP_PREFIX.length()
        ? group.substring(CONNECT_GROUP_PREFIX.length())
        : group;
  }
}
