package io.tidestream.lag.exposition;

import io.tidestream.lag.model.GroupSummary;
import io.tidestream.lag.model.LagSnapshot;
import io.tidestream.lag.model.PartitionLag;
import io.tidestream.lag.poll.PollState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Renders what the exporter serves as Prometheus text exposition format 0.0.4: one series per
 * group, topic and partition for the lag and both offsets, one per group for its members, and the
 * exporter's own health. Pure: same state and clock, same text.
 */
public final class Exposition {

  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Exposition() {}

  public static String render(PollState state, Instant now) {
    StringBuilder out = new StringBuilder(4096);
    Optional<LagSnapshot> served = state.served(now);
    List<PartitionLag> rows = served.map(LagSnapshot::partitions).orElse(List.of());
    List<GroupSummary> groups = served.map(LagSnapshot::groups).orElse(List.of());

    header(
        out,
        "kafka_consumergroup_lag",
        "gauge",
        "Records after the group's committed offset: log-end offset minus committed offset,"
            + " measured on the broker (from the log-start offset while the group has committed"
            + " nothing on the partition).");
    for (PartitionLag r : rows) {
      partitionSample(out, "kafka_consumergroup_lag", r, r.lag());
    }
    header(
        out,
        "kafka_consumergroup_committed_offset",
        "gauge",
        "The offset the group committed on the partition (absent while it has committed none).");
    for (PartitionLag r : rows) {
      if (r.committed().isPresent()) {
        partitionSample(out, "kafka_consumergroup_committed_offset", r, r.committed().getAsLong());
      }
    }
    header(
        out,
        "kafka_consumergroup_log_end_offset",
        "gauge",
        "The partition's log-end offset: the offset the next record written to it gets.");
    for (PartitionLag r : rows) {
      partitionSample(out, "kafka_consumergroup_log_end_offset", r, r.logEnd());
    }
    header(
        out,
        "kafka_consumergroup_members",
        "gauge",
        "Members of the group (for a Connect sink: its running tasks' consumers).");
    for (GroupSummary g : groups) {
      out.append("kafka_consumergroup_members{group=\"")
          .append(escape(g.group()))
          .append("\",connector=\"")
          .append(escape(g.connector()))
          .append("\"} ")
          .append(g.members())
          .append('\n');
    }

    header(
        out,
        "lag_exporter_up",
        "gauge",
        "1 when the last poll of Kafka succeeded, 0 when it failed (lag series vanish once the last"
            + " success is older than the stale-after time).");
    out.append("lag_exporter_up ").append(state.lastPollOk() ? 1 : 0).append('\n');
    header(
        out,
        "lag_exporter_last_success_timestamp_seconds",
        "gauge",
        "Unix time of the last successful poll (0 before the first).");
    out.append("lag_exporter_last_success_timestamp_seconds ")
        .append(state.lastSuccess().map(t -> seconds(t.toEpochMilli())).orElse("0"))
        .append('\n');
    header(out, "lag_exporter_poll_duration_seconds", "gauge", "How long the last poll took.");
    out.append("lag_exporter_poll_duration_seconds ")
        .append(seconds(state.lastPollDuration().toMillis()))
        .append('\n');
    header(
        out,
        "lag_exporter_polls_total",
        "counter",
        "Polls of Kafka since the exporter started, by outcome.");
    out.append("lag_exporter_polls_total{outcome=\"ok\"} ").append(state.pollsOk()).append('\n');
    out.append("lag_exporter_polls_total{outcome=\"error\"} ")
        .append(state.pollsFailed())
        .append('\n');
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void partitionSample(StringBuilder out, String name, PartitionLag r, long value) {
    out.append(name)
        .append("{group=\"")
        .append(escape(r.group()))
        .append("\",connector=\"")
        .append(escape(r.connector()))
        .append("\",topic=\"")
        .append(escape(r.partition().topic()))
        .append("\",partition=\"")
        .append(r.partition().partition())
        .append("\"} ")
        .append(value)
        .append('\n');
  }

  /** A label value as the text format wants it: backslash, double quote and line feed escaped. */
  static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0
        ? Long.toString(millis / 1000)
        : java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }
}
