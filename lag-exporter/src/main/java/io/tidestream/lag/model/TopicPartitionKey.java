package io.tidestream.lag.model;

import java.util.Comparator;

/**
 * A topic partition, ordered by topic then partition so the exposition reads the same on every
 * scrape.
 */
public record TopicPartitionKey(String topic, int partition)
    implements Comparable<TopicPartitionKey> {

  private static final Comparator<TopicPartitionKey> ORDER =
      Comparator.comparing(TopicPartitionKey::topic).thenComparingInt(TopicPartitionKey::partition);

  @Override
  public int compareTo(TopicPartitionKey o) {
    return ORDER.compare(this, o);
  }
}
