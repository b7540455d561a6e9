package io.tidestream.sim.data;

/**
 * Deterministic pseudo-random numbers: the same seed, stream and key always give the same value,
 * whatever order requests arrive in. This is what makes two requests for the same {@code t} agree.
 */
public final class Noise {

  private final long seed;

  public Noise(long seed) {
    this.seed = seed;
  }

  public long seed() {
    return seed;
  }

  /** A uniform value in {@code [0, 1)} for {@code (stream, key)}. */
  public double uniform(long stream, long key) {
    long z = mix(seed ^ mix(stream * 0x9E3779B97F4A7C15L) ^ (key * 0xC2B2AE3D27D4EB4FL));
    return (z >>> 11) * 0x1.0p-53;
  }

  /** A value in {@code [-1, 1]}, bell shaped (sum of three uniforms), for {@code (stream, key)}. */
  public double centered(long stream, long key) {
    double sum =
        uniform(stream, key)
            + uniform(stream + 1_000_003L, key)
            + uniform(stream + 2_000_003L, key);
    return (sum - 1.5) / 1.5;
  }

  /** A stable stream id for a station and a purpose, e.g. {@code ("9447130", "wind")}. */
  public static long stream(String stationId, String purpose) {
    return mix(((long) stationId.hashCode() << 32) ^ (purpose.hashCode() & 0xffffffffL));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
