package io.tidestream.elastic.bulk;

import io.tidestream.elastic.retry.Decision;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk request on its way, sent by the {@link BulkSender}: its batch, its body and its answer
 * deadline, and the transport's callbacks for it. It is settled exactly once, by its answer, its
 * failure or its deadline ({@link BulkSender#settleOnce}, under the writer's lock); a callback that
 * comes after that is ignored. The answer goes to the {@link ResponseClassifier} and the decision
 * to the {@link BulkWriter}.
 *
 * <p>Logs under the writer's logger, like the sender.
 */
final class BulkRequest implements BulkTransport.Listener {

  private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);

  private final BulkSender sender;
  private final BulkWriter writer;
  private final ResponseClassifier classifier;
  final List<BulkItem> batch;

  /**
   * The batch's NDJSON actions, one after the other, as the documents themselves (not copied);
   * taken when the request is made, under the writer's lock (an item lets go of its bytes once it
   * is done).
   */
  final BulkBody body;

  final long bytes;
  final long deadlineMs;
  private final long sentNanos = System.nanoTime();

  BulkRequest(
      BulkSender sender,
      BulkWriter writer,
      ResponseClassifier classifier,
      List<BulkItem> batch,
      long deadlineMs) {
    this.sender = sender;
    this.writer = writer;
    this.classifier = classifier;
    this.batch = batch;
    this.deadlineMs = deadlineMs;
    byte[][] documents = new byte[batch.size()][];
    for (int i = 0; i < documents.length; i++) {
      documents[i] = batch.get(i).bytes;
    }
    this.body = new BulkBody(documents);
    this.bytes = body.length();
  }

  /**
   * True the first time a request is settled (answered, failed or given up); later callbacks are
   * ignored.
   */
  boolean settle() {
    return sender.settleOnce(this);
  }

  @Override
  public void onResponse(int status, byte[] body) {
    if (!settle()) {
      return; // given up already and sent again
    }
    long nanos = System.nanoTime() - sentNanos;
    writer.requestCompleted(nanos);
    Decision decision = classifier.answered(batch.size(), bytes, status, body);
    writer.settle(batch, decision);
    if (log.isDebugEnabled()) {
      log.debug(
          "Bulk request with {} actions answered with HTTP {} in {} ms",
          batch.size(),
          status,
          nanos / 1_000_000);
    }
  }

  @Override
  public void onFailure(Exception e) {
    if (!settle()) {
      return; // given up already and sent again
    }
    writer.requestCompleted(System.nanoTime() - sentNanos);
    writer.settle(batch, ResponseClassifier.failed(e));
  }
}
