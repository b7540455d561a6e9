package io.tidestream.elastic.bulk;

import io.tidestream.elastic.retry.Decision;
import io.tidestream.elastic.retry.ItemRetryPolicy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BulkWriter}'s handling of single items once the engine has answered for them: an
 * acknowledged item is complete, a refused one is retried later ({@link ItemRetryPolicy}) or fails
 * the task when its budget is spent, a rejected one waits here until the task thread takes it for
 * the dead-letter topic, an ignored one is complete; and the counts of acknowledged and retried
 * items.
 *
 * <p>Not thread-safe on its own: the writer calls it with its lock held, the lock that also guards
 * the buffer and the sender. Logs under the writer's logger.
 */
final class ItemOutcomes {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

  private final BulkBuffer buffer;
  private final ItemRetryPolicy retryPolicy;
  private final Clock clock;
  private final Consumer<ConnectException> failTask;

  private final List<ItemFailure> failures = new ArrayList<>();
  private long acknowledged;
  private long itemRetries;

  ItemOutcomes(
      BulkBuffer buffer,
      ItemRetryPolicy retryPolicy,
      Clock clock,
      Consumer<ConnectException> failTask) {
    this.buffer = buffer;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.failTask = failTask;
  }

  long acknowledgedCount() {
    return acknowledged;
  }

  long retryCount() {
    return itemRetries;
  }

  /**
   * Moves the start of every item's failure streak forward by an outage of {@code outageMs}: the
   * items of the request the engine answered, the queued ones and those in flight.
   */
  void excuseOutage(long outageMs, List<BulkItem> answered, BulkSender sender) {
    Consumer<BulkItem> excuse =
        item -> item.firstFailureMs = ItemRetryPolicy.excuse(item.firstFailureMs, outageMs);
    answered.forEach(excuse);
    buffer.forEachQueued(excuse);
    sender.forEachInFlight(excuse);
  }

  /** Keeps {@code item} for the task thread, which reports it to the dead-letter topic. */
  void deadLetter(BulkItem item, Decision.DeadLetter dl) {
    failures.add(new ItemFailure(item, dl.errorType(), dl.reason(), dl.status()));
    buffer.settled(item); // it will not reach the engine: the next version of its id may go
  }

  /**
   * Items rejected for good since the last call; those of revoked partitions are completed instead
   * (the new owner reads the record again).
   */
  List<ItemFailure> drainFailures() {
    if (failures.isEmpty()) {
      return List.of();
    }
    List<ItemFailure> drained = new ArrayList<>(failures.size());
    for (ItemFailure f : failures) {
      if (f.item().partition.closed) {
        buffer.complete(f.item()); // revoked: the new owner reads the record again
      } else {
        drained.add(f);
      }
    }
    failures.clear();
    return drained;
  }

  /**
   * Acts on the decision for each item of an answered request: {@code decisions.get(i)} is about
   * {@code batch.get(i)}.
   */
  void apply(List<BulkItem> batch, List<Decision.Item> decisions, BulkObserver observer) {
    long now = clock.millis();
    int acknowledgedHere = 0;
    for (int i = 0; i < batch.size(); i++) {
      BulkItem item = batch.get(i);
      Decision.Item decision = decisions.get(i);
      if (decision instanceof Decision.Done) {
        acknowledged++;
        acknowledgedHere++;
        observer.recordAcknowledged(item.record, now);
        buffer.complete(item);
        continue;
      }
      observer.itemFailed(decision.failureType());
      if (decision instanceof Decision.Retry retry) {
        retryItem(item, now, retry, observer);
      } else if (decision instanceof Decision.DeadLetter dl) {
        deadLetter(item, dl);
      } else if (decision instanceof Decision.Ignore ignore) {
        if (log.isDebugEnabled()) {
          log.debug(
              "Ignoring {} for {}-{} offset {} (errors.type.actions)",
              ignore.failureType(),
              item.partition.partition.topic(),
              item.partition.partition.partition(),
              item.offset);
        }
        observer.itemIgnored(ignore.failureType());
        buffer.complete(item);
      } else if (decision instanceof Decision.FailTask fail) {
        failTask.accept(
            new ConnectException(fail.message(item.partition.partition, item.offset, item.index)));
      }
    }
    if (acknowledgedHere > 0) {
      observer.acknowledged(acknowledgedHere);
    }
  }

  private void retryItem(BulkItem item, long now, Decision.Retry refusal, BulkObserver observer) {
    if (buffer.supersededByNext(item)) {
      // The next version, held back until now, replaces the whole document: sending this one again
      // could only be overwritten. Its offset is done; the next version's offset stays held.
      buffer.supersede(item);
      return;
    }
    ItemRetryPolicy.Next next =
        retryPolicy.next(
            item.firstFailureMs,
            item.attempts,
            now,
            refusal,
            item.partition.partition,
            item.offset);
    if (next instanceof ItemRetryPolicy.GiveUp giveUp) {
      failTask.accept(new ConnectException(giveUp.message()));
      return;
    }
    ItemRetryPolicy.Again again = (ItemRetryPolicy.Again) next;
    item.firstFailureMs = again.firstFailureMs();
    item.attempts = again.attempts();
    item.notBeforeMs = again.notBeforeMs();
    itemRetries++;
    observer.itemRetried();
    buffer.retryLater(item);
  }
}
