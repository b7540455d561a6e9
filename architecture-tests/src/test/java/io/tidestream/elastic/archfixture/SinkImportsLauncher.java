package io.tidestream.elastic.archfixture;

/** Breaks layering rule 2 on purpose (LayeringRulesTest): the sink using the launcher. */
public class SinkImportsLauncher {
  io.tidestream.pipeline.ProjectHome home;
}
