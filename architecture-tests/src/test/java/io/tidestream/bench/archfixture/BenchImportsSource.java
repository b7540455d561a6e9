package io.tidestream.bench.archfixture;

/**
 * Breaks layering rule 4 on purpose (LayeringRulesTest): pipeline-bench building records with the
 * source's code.
 */
public class BenchImportsSource {
  io.tidestream.noaa.NoaaSourceTask task;
}
