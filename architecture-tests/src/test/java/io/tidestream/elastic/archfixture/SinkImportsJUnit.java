package io.tidestream.elastic.archfixture;

/** Breaks layering rule 3 on purpose (LayeringRulesTest): main code calling a test framework. */
public class SinkImportsJUnit {
  void check(Object value) {
    org.junit.jupiter.api.Assertions.assertNotNull(value);
  }
}
