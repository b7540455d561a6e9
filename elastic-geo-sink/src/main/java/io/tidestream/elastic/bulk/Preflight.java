package io.tidestream.elastic.bulk;

import java.io.IOException;
import org.apache.kafka.connect.errors.ConnectException;

/** Work that must succeed before the first bulk request (engine detection, template install). */
@FunctionalInterface
public interface Preflight {
  /**
   * @throws IOException when the engine cannot be reached: retried with capped backoff until it
   *     answers
   * @throws ConnectException when retrying cannot help: the task fails with its message
   */
  void run() throws IOException;
}
