package io.tidestream.noaa.archfixture;

/** Breaks layering rule 2 on purpose (LayeringRulesTest): the source using the simulator. */
public class SourceImportsSimulator {
  io.tidestream.sim.NoaaSimulator simulator;
}
