package io.tidestream.lag.model;

import java.util.OptionalLong;

/**
 * The lag of one group on one partition. {@code committed} is empty while the group has committed
 * nothing there; {@code lag} is then counted from the partition's log-start offset, where a sink
 * with Connect's default {@code auto.offset.reset=earliest} starts reading.
 */
public record PartitionLag(
    String group,
    String connector,
    TopicPartitionKey partition,
    OptionalLong committed,
    long logEnd,
    long lag) {}
