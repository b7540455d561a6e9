package io.tidestream.elastic;

import io.tidestream.elastic.bulk.BulkTransport;
import io.tidestream.elastic.bulk.Preflight;

/**
 * A task's connection to the engine: how bulk requests travel, and what must happen before the
 * first.
 */
public interface EngineSession {

  BulkTransport transport();

  /** Null when nothing has to happen first. */
  Preflight preflight();
}
