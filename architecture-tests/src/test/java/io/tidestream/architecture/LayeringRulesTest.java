package io.tidestream.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.tidestream.bench.archfixture.BenchImportsSource;
import io.tidestream.bench.jmh.archfixture.JmhImportsSink;
import io.tidestream.common.archfixture.CommonCompliant;
import io.tidestream.common.archfixture.CommonImportsSink;
import io.tidestream.elastic.archfixture.SinkCompliant;
import io.tidestream.elastic.archfixture.SinkImportsJUnit;
import io.tidestream.elastic.archfixture.SinkImportsLauncher;
import io.tidestream.elastic.archfixture.SinkImportsSource;
import io.tidestream.it.archfixture.ItCompliant;
import io.tidestream.it.archfixture.ItImportsSink;
import io.tidestream.lag.archfixture.LagExporterImportsSource;
import io.tidestream.noaa.archfixture.SourceCompliant;
import io.tidestream.noaa.archfixture.SourceImportsSimulator;
import io.tidestream.noaa.archfixture.SourceImportsSink;
import io.tidestream.pipeline.archfixture.LauncherImportsSink;
import io.tidestream.sim.archfixture.SimulatorImportsSource;
import org.junit.jupiter.api.Test;

/**
 * Each layering rule catches a class that breaks it, names itself in the failure, and lets a class
 * that keeps it pass: the fixture classes in the {@code archfixture} packages of this module's
 * tests break the rules on purpose (LayeringTest imports main code only, so they never reach the
 * real check).
 */
class LayeringRulesTest {

  @Test
  void connectCommonImportingASinkClassBreaksRule1() {
    assertBreaks(
        LayeringRules.COMMON_IMPORTS_NO_CONNECTOR,
        "Layering rule 1",
        CommonImportsSink.class,
        "io.tidestream.elastic.ElasticGeoSinkConnector");
    assertKeeps(LayeringRules.COMMON_IMPORTS_NO_CONNECTOR, CommonCompliant.class);
  }

  @Test
  void theSourceImportingTheSinkOrTheSimulatorBreaksRule2() {
    assertBreaks(
        LayeringRules.SOURCE_IMPORTS_NO_SIBLING,
        "Layering rule 2",
        SourceImportsSink.class,
        "io.tidestream.elastic.ElasticGeoSinkConnector");
    assertBreaks(
        LayeringRules.SOURCE_IMPORTS_NO_SIBLING,
        "Layering rule 2",
        SourceImportsSimulator.class,
        "io.tidestream.sim.NoaaSimulator");
    assertKeeps(LayeringRules.SOURCE_IMPORTS_NO_SIBLING, SourceCompliant.class);
  }

  @Test
  void theSinkImportingTheSourceOrTheLauncherBreaksRule2() {
    assertBreaks(
        LayeringRules.SINK_IMPORTS_NO_SIBLING,
        "Layering rule 2",
        SinkImportsSource.class,
        "io.tidestream.noaa.NoaaSourceConnector");
    assertBreaks(
        LayeringRules.SINK_IMPORTS_NO_SIBLING,
        "Layering rule 2",
        SinkImportsLauncher.class,
        "io.tidestream.pipeline.ProjectHome");
    assertKeeps(LayeringRules.SINK_IMPORTS_NO_SIBLING, SinkCompliant.class);
  }

  @Test
  void mainCodeCallingATestFrameworkBreaksRule3() {
    assertBreaks(
        LayeringRules.MAIN_IMPORTS_NO_TEST_CODE,
        "Layering rule 3",
        SinkImportsJUnit.class,
        "org.junit.jupiter.api.Assertions");
    assertKeeps(LayeringRules.MAIN_IMPORTS_NO_TEST_CODE, SinkCompliant.class);
  }

  @Test
  void theTestsTheLauncherTheLagExporterAndTheBenchCallingConnectorClassesBreakRule4() {
    assertBreaks(
        LayeringRules.ONLY_ZIP_AND_REST,
        "Layering rule 4",
        ItImportsSink.class,
        "io.tidestream.elastic.ElasticGeoSinkConnector");
    assertBreaks(
        LayeringRules.ONLY_ZIP_AND_REST,
        "Layering rule 4",
        LauncherImportsSink.class,
        "io.tidestream.elastic.ElasticGeoSinkConnector");
    assertBreaks(
        LayeringRules.ONLY_ZIP_AND_REST,
        "Layering rule 4",
        LagExporterImportsSource.class,
        "io.tidestream.noaa.NoaaSourceConnector");
    assertBreaks(
        LayeringRules.ONLY_ZIP_AND_REST,
        "Layering rule 4",
        BenchImportsSource.class,
        "io.tidestream.noaa.NoaaSourceTask");
    assertKeeps(LayeringRules.ONLY_ZIP_AND_REST, ItCompliant.class);
  }

  @Test
  void theMicrobenchmarksMayCallConnectorInternals() {
    JavaClasses classes =
        new ClassFileImporter().importClasses(JmhImportsSink.class, ItCompliant.class);
    assertThat(LayeringRules.ONLY_ZIP_AND_REST.evaluate(classes).hasViolation()).isFalse();
    for (ArchRule rule : LayeringRules.MAIN_CODE_RULES) {
      assertThat(
              rule.allowEmptyShould(true)
                  .evaluate(new ClassFileImporter().importClasses(JmhImportsSink.class))
                  .hasViolation())
          .as(rule.getDescription())
          .isFalse();
    }
  }

  @Test
  void theSimulatorImportingTheSourceBreaksRule5() {
    assertBreaks(
        LayeringRules.SIMULATOR_IMPORTS_NO_CONNECTOR,
        "Layering rule 5",
        SimulatorImportsSource.class,
        "io.tidestream.noaa.NoaaSourceConnector");
  }

  /** {@code rule.check} fails on {@code violator}, naming the rule and the forbidden class. */
  private static void assertBreaks(
      ArchRule rule, String ruleName, Class<?> violator, String forbidden) {
    JavaClasses classes = new ClassFileImporter().importClasses(violator);
    assertThatThrownBy(() -> rule.check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Rule '" + ruleName)
        .hasMessageContaining(violator.getName())
        .hasMessageContaining(forbidden)
        .hasMessageContaining("because");
  }

  private static void assertKeeps(ArchRule rule, Class<?> compliant) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(compliant));
    assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
  }
}
