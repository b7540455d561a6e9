package io.tidestream.sim;

/** Placeholder entry point; issue #3 builds the simulator. */
public final class NoaaSimulatorMain {
  private NoaaSimulatorMain() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("the NOAA simulator is not built yet (issue #3)");
  }
}
