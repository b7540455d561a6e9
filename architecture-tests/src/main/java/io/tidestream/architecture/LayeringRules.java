package io.tidestream.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering rules of STYLE.md ("Layering (the build checks it)") as ArchUnit rules, by package
 * prefix so they survive classes moving between packages inside a module. Each rule's description
 * starts with {@code Layering rule N} and says what to do instead: the failure message of {@code
 * rule.check(classes)} names the rule.
 *
 * <p>Modules by root package: connect-common {@code io.tidestream.common}, the source {@code
 * io.tidestream.noaa}, the sink {@code io.tidestream.elastic}, the simulator {@code
 * io.tidestream.sim}, the launcher {@code io.tidestream.pipeline}, the lag exporter {@code
 * io.tidestream.lag}, pipeline-bench {@code io.tidestream.bench} (without {@code
 * io.tidestream.bench.jmh}, the JMH microbenchmarks, which may call internals), the integration
 * tests {@code io.tidestream.it}.
 *
 * <p>Where they run: {@code LayeringTest} of this module checks the main code of every module;
 * {@code integration-tests} checks its own test code with {@link #ONLY_ZIP_AND_REST}. The POMs add
 * the dependency rules ArchUnit cannot see (maven-enforcer {@code bannedDependencies}, e.g. a
 * connector jar on the integration tests' class path).
 */
public final class LayeringRules {

  public static final String COMMON = "io.tidestream.common..";
  public static final String SOURCE = "io.tidestream.noaa..";
  public static final String SINK = "io.tidestream.elastic..";
  public static final String SIMULATOR = "io.tidestream.sim..";
  public static final String LAUNCHER = "io.tidestream.pipeline..";
  public static final String LAG_EXPORTER = "io.tidestream.lag..";
  public static final String BENCH = "io.tidestream.bench..";
  public static final String MICROBENCHMARKS = "io.tidestream.bench.jmh..";
  public static final String INTEGRATION_TESTS = "io.tidestream.it..";
  public static final String ARCHITECTURE = "io.tidestream.architecture..";

  /** Packages of test frameworks and test helpers: never on a main class's imports. */
  private static final String[] TEST_CODE = {
    "org.junit..",
    "org.assertj..",
    "org.mockito..",
    "org.awaitility..",
    "okhttp3.mockwebserver..",
    "io.tidestream..testing..",
    ARCHITECTURE,
    INTEGRATION_TESTS
  };

  /** pipeline-bench without the JMH microbenchmarks that share its root package. */
  private static final DescribedPredicate<JavaClass> PIPELINE_BENCH =
      resideInAPackage(BENCH).and(not(resideInAPackage(MICROBENCHMARKS))).as("pipeline-bench");

  /** Rule 1. */
  public static final ArchRule COMMON_IMPORTS_NO_CONNECTOR =
      noClasses()
          .that()
          .resideInAPackage(COMMON)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              SOURCE, SINK, SIMULATOR, LAUNCHER, LAG_EXPORTER, BENCH, INTEGRATION_TESTS)
          .as(
              "Layering rule 1: connect-common (io.tidestream.common) never imports a connector or"
                  + " any other tidestream module")
          .because(
              "it holds only what both connectors share; move what both need into connect-common"
                  + " without its connector-specific parts, or leave it in the connector");

  /** Rule 2, the source's half. */
  public static final ArchRule SOURCE_IMPORTS_NO_SIBLING =
      noClasses()
          .that()
          .resideInAPackage(SOURCE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              SINK, SIMULATOR, LAUNCHER, LAG_EXPORTER, BENCH, INTEGRATION_TESTS, ARCHITECTURE)
          .as(
              "Layering rule 2: the source connector (io.tidestream.noaa) never imports the sink,"
                  + " the simulator, the launcher, the lag exporter, the benchmarks or the tests")
          .because(
              "the plugin ZIP carries only the connector and connect-common; share code through"
                  + " connect-common");

  /** Rule 2, the sink's half. */
  public static final ArchRule SINK_IMPORTS_NO_SIBLING =
      noClasses()
          .that()
          .resideInAPackage(SINK)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              SOURCE, SIMULATOR, LAUNCHER, LAG_EXPORTER, BENCH, INTEGRATION_TESTS, ARCHITECTURE)
          .as(
              "Layering rule 2: the sink connector (io.tidestream.elastic) never imports the"
                  + " source, the simulator, the launcher, the lag exporter, the benchmarks or the"
                  + " tests")
          .because(
              "the plugin ZIP carries only the connector and connect-common; share code through"
                  + " connect-common");

  /** Rule 3: for main code only (import without tests). */
  public static final ArchRule MAIN_IMPORTS_NO_TEST_CODE =
      noClasses()
          .that()
          .resideInAnyPackage(COMMON, SOURCE, SINK)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(TEST_CODE)
          .as(
              "Layering rule 3: the connectors' and connect-common's main code never imports test"
                  + " code (JUnit, AssertJ, Mockito, Awaitility, MockWebServer, a ..testing.."
                  + " package, the integration tests)")
          .because(
              "test helpers are not in the plugin ZIP; keep them in src/test (shared ones in a"
                  + " test-jar)");

  /** Rule 4. */
  public static final ArchRule ONLY_ZIP_AND_REST =
      noClasses()
          .that(resideInAnyPackage(LAUNCHER, LAG_EXPORTER, INTEGRATION_TESTS).or(PIPELINE_BENCH))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(SOURCE, SINK, COMMON)
          .as(
              "Layering rule 4: the launcher, the lag exporter, pipeline-bench's measured path and"
                  + " the integration tests reach the connectors only through their plugin ZIPs and"
                  + " the Connect REST API")
          .because(
              "they must test and measure what users install; put a connector's class names in"
                  + " connector configurations (strings), and checks that need connector internals"
                  + " in the connector's own tests or in microbenchmarks (io.tidestream.bench.jmh),"
                  + " which may call internals");

  /** Rule 5: the simulator stands in for NOAA, which knows nothing of us. */
  public static final ArchRule SIMULATOR_IMPORTS_NO_CONNECTOR =
      noClasses()
          .that()
          .resideInAPackage(SIMULATOR)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              SOURCE, SINK, COMMON, LAUNCHER, LAG_EXPORTER, BENCH, INTEGRATION_TESTS)
          .as(
              "Layering rule 5: the NOAA simulator (io.tidestream.sim) imports no other tidestream"
                  + " module")
          .because(
              "it stands in for NOAA, which knows nothing of the connectors; a test that passes"
                  + " because the simulator shares the source's code proves nothing");

  /** Every rule for main code, in order. */
  public static final List<ArchRule> MAIN_CODE_RULES =
      List.of(
          COMMON_IMPORTS_NO_CONNECTOR,
          SOURCE_IMPORTS_NO_SIBLING,
          SINK_IMPORTS_NO_SIBLING,
          MAIN_IMPORTS_NO_TEST_CODE,
          ONLY_ZIP_AND_REST,
          SIMULATOR_IMPORTS_NO_CONNECTOR);

  private LayeringRules() {}
}
