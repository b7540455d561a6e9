package io.tidestream.sim.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The simulator's idea of "now". Data exists up to {@link #dataNow()}, which is {@link #now()}
 * rounded down to NOAA's 6-minute grid.
 *
 * <p>The clock follows a wall clock, optionally faster ({@code speed} simulated seconds per wall
 * second), and can be pinned to a fixed instant so tests are deterministic. All methods are thread
 * safe.
 */
public final class SimulatorClock {

  private static final long GRID_SECONDS = 6 * 60;

  private final Clock wall;
  private Instant anchorWall;
  private Instant anchorSim;
  private double speed;
  private boolean pinned;

  private SimulatorClock(Clock wall, Instant start, double speed, boolean pinned) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.anchorWall = wall.instant();
    this.anchorSim = Objects.requireNonNull(start, "start");
    this.speed = validSpeed(speed);
    this.pinned = pinned;
  }

  /** A clock that follows the system clock at normal speed. */
  public static SimulatorClock system() {
    Clock wall = Clock.systemUTC();
    return new SimulatorClock(wall, wall.instant(), 1.0, false);
  }

  /**
   * A clock that starts at {@code start} and advances {@code speed} times as fast as the system
   * clock.
   */
  public static SimulatorClock running(Instant start, double speed) {
    return new SimulatorClock(Clock.systemUTC(), start, speed, false);
  }

  /**
   * A clock that stands still at {@code instant} until moved with {@link #pin} or {@link #advance}.
   */
  public static SimulatorClock pinned(Instant instant) {
    return new SimulatorClock(Clock.systemUTC(), instant, 1.0, true);
  }

  /** A pinned clock whose wall clock (rate limits, bans) is {@code wall}; for tests. */
  public static SimulatorClock pinned(Instant instant, Clock wall) {
    return new SimulatorClock(wall, instant, 1.0, true);
  }

  /** A clock driven by another {@link Clock} (tests), starting at {@code start}. */
  public static SimulatorClock following(Clock wall, Instant start, double speed) {
    return new SimulatorClock(wall, start, speed, false);
  }

  /** The simulated current instant. */
  public synchronized Instant now() {
    if (pinned) {
      return anchorSim;
    }
    Duration elapsed = Duration.between(anchorWall, wall.instant());
    long nanos = (long) (elapsed.toNanos() * speed);
    return anchorSim.plusNanos(nanos);
  }

  /** The newest instant for which observations exist: {@link #now()} on the 6-minute grid. */
  public Instant dataNow() {
    return floorToGrid(now());
  }

  /** The wall-clock instant; used for rate limits and bans, which follow real time. */
  public Instant wallNow() {
    return wall.instant();
  }

  /** Stops the clock at {@code instant}. */
  public synchronized void pin(Instant instant) {
    anchorSim = Objects.requireNonNull(instant, "instant");
    anchorWall = wall.instant();
    pinned = true;
  }

  /** Lets a pinned clock run again from where it stands. */
  public synchronized void release() {
    if (pinned) {
      anchorWall = wall.instant();
      pinned = false;
    }
  }

  /** Moves the clock forward (or backward, with a negative duration). */
  public synchronized void advance(Duration duration) {
    Instant current = now();
    anchorSim = current.plus(duration);
    anchorWall = wall.instant();
  }

  /** Sets how many simulated seconds pass per wall-clock second, keeping the current instant. */
  public synchronized void setSpeed(double newSpeed) {
    Instant current = now();
    anchorSim = current;
    anchorWall = wall.instant();
    speed = validSpeed(newSpeed);
  }

  public synchronized double speed() {
    return speed;
  }

  public synchronized boolean isPinned() {
    return pinned;
  }

  /** Rounds down to the 6-minute grid NOAA reports water levels and met data on. */
  public static Instant floorToGrid(Instant instant) {
    long seconds = instant.getEpochSecond();
    return Instant.ofEpochSecond(Math.floorDiv(seconds, GRID_SECONDS) * GRID_SECONDS)
        .truncatedTo(ChronoUnit.MINUTES);
  }

  private static double validSpeed(double speed) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("clock speed must be a positive number, was " + speed);
    }
    return speed;
  }
}
