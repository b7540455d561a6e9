package io.tidestream.sim.archfixture;

/** Breaks layering rule 5 on purpose (LayeringRulesTest): the simulator using the source's code. */
public class SimulatorImportsSource {
  io.tidestream.noaa.NoaaSourceConnector source;
}
