package io.tidestream.noaa.task;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tidestream.common.retry.ExponentialBackoff;
import io.tidestream.noaa.api.StationMeta;
import io.tidestream.noaa.config.NoaaSourceConfig;
import io.tidestream.noaa.pace.Pacing;
import io.tidestream.noaa.plan.Planner;
import io.tidestream.noaa.plan.UnitId;
import io.tidestream.noaa.plan.UnitState;
import io.tidestream.noaa.records.RecordBuilder;
import io.tidestream.noaa.retry.FailurePolicy;
import io.tidestream.noaa.retry.Politeness;
import io.tidestream.noaa.retry.SlowDown;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Wires a task's parts from its configuration: the one place that builds a {@link UnitScheduler}
 * (used by {@code NoaaSourceTask}, the tests and the microbenchmarks). Only the units and the
 * fetcher are required; the rest defaults to what a task uses (no pacing, the ban breaker and
 * jittered backoff of {@link Politeness}, no station metadata, no event listener).
 */
public final class TaskComponents {

  private final NoaaSourceConfig config;
  private final Clock clock;
  private List<UnitState> units = List.of();
  private Map<String, StationMeta> stations = Map.of();
  private Fetcher fetcher;
  private Pacing pacing = Pacing.UNPACED;
  private CircuitBreaker breaker;
  private ExponentialBackoff backoff;
  private TaskEvents events = TaskEvents.NONE;

  private TaskComponents(NoaaSourceConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Starts wiring a task of this configuration on this clock. */
  public static TaskComponents of(NoaaSourceConfig config, Clock clock) {
    return new TaskComponents(config, clock);
  }

  /** The planner of a task of this configuration. */
  public static Planner planner(NoaaSourceConfig c) {
    return new Planner(
        c.safetyLag(),
        c.lateness(),
        c.predictionsHorizon(),
        c.revisionsWindow(),
        c.revisionsInterval());
  }

  /** The ban breaker of a task of this configuration (one per task, no shared state). */
  public static CircuitBreaker banBreaker(NoaaSourceConfig c, Clock clock) {
    return Politeness.banBreaker("noaa-ban", c.banCooldown(), c.banCooldownMax(), clock);
  }

  /** A unit without a stored offset: it starts at the configured start. */
  public static UnitState fresh(NoaaSourceConfig c, UnitId id, Instant now) {
    Instant wm = Planner.initialWatermark(c.start(now));
    return new UnitState(id, wm, planner(c).revises(id) ? wm : null, now);
  }

  public TaskComponents units(List<UnitState> units) {
    this.units = List.copyOf(units);
    return this;
  }

  /** What is known of the stations (names, positions), by id. */
  public TaskComponents stations(Map<String, StationMeta> stations) {
    this.stations = stations;
    return this;
  }

  public TaskComponents fetcher(Fetcher fetcher) {
    this.fetcher = fetcher;
    return this;
  }

  /** The task's turns in the connector-wide request schedule. */
  public TaskComponents pacing(Pacing pacing) {
    this.pacing = pacing;
    return this;
  }

  public TaskComponents breaker(CircuitBreaker breaker) {
    this.breaker = breaker;
    return this;
  }

  /** The per-unit retry backoff (tests pass one without jitter). */
  public TaskComponents backoff(ExponentialBackoff backoff) {
    this.backoff = backoff;
    return this;
  }

  public TaskComponents events(TaskEvents events) {
    this.events = events;
    return this;
  }

  /** The task's scheduler, with its answer handler, failure policy and record builder. */
  public UnitScheduler scheduler() {
    if (fetcher == null) {
      throw new IllegalStateException("a task needs a fetcher");
    }
    Planner planner = planner(config);
    CircuitBreaker b = breaker != null ? breaker : banBreaker(config, clock);
    ExponentialBackoff retry =
        backoff != null
            ? backoff
            : Politeness.retryBackoff(config.backoffInitial(), config.backoffMax());
    SlowDown slowDown = new SlowDown();
    AnswerHandler handler =
        new AnswerHandler(
            config,
            planner,
            new FailurePolicy(retry, config.quarantineRecheck()),
            new RecordBuilder(config::topicFor, config.units(), config.errorsTopic()),
            stations,
            units.size(),
            fetcher,
            pacing,
            slowDown,
            b,
            clock,
            events);
    return new UnitScheduler(
        config.units(), planner, units, fetcher, pacing, slowDown, b, clock, handler);
  }
}
