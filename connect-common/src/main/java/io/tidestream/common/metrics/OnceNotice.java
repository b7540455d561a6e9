package io.tidestream.common.metrics;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells whether a notice is due: the first call answers true, every later one false, whatever the
 * thread. Held in a static field, it makes a line that every task start would repeat appear once
 * per plugin in a worker JVM (each plugin ZIP has its own class loader, so its own copy).
 */
final class OnceNotice {

  private final AtomicBoolean given = new AtomicBoolean();

  boolean due() {
    return given.compareAndSet(false, true);
  }
}
