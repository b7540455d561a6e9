package io.tidestream.sim.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last {@code capacity} requests, oldest first. Thread safe. */
public final class RequestLog {

  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final Deque<RequestLogEntry> entries = new ArrayDeque<>();

  public RequestLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "request log capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  public synchronized void add(RequestLogEntry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  public synchronized List<RequestLogEntry> entries() {
    return new ArrayList<>(entries);
  }

  /** The newest {@code limit} entries, oldest first. */
  public synchronized List<RequestLogEntry> last(int limit) {
    List<RequestLogEntry> all = new ArrayList<>(entries);
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }

  public synchronized void clear() {
    entries.clear();
  }
}
