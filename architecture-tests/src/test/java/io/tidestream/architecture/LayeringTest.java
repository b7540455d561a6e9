package io.tidestream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layering rules of STYLE.md hold in the main code of every module: connect-common, both
 * connectors, the simulator, the lag exporter, the launcher and pipeline-bench, imported from this
 * module's test class path (their build output) without test classes. A failure names the rule, the
 * class and the import that breaks it.
 */
class LayeringTest {

  private static JavaClasses mainCode;

  @BeforeAll
  static void importMainCode() {
    mainCode =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tidestream");
  }

  static Stream<ArchRule> rules() {
    return LayeringRules.MAIN_CODE_RULES.stream();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void holdsInTheMainCodeOfEveryModule(ArchRule rule) {
    rule.check(mainCode);
  }

  /**
   * Guards against a rule that passes because it saw nothing (a module missing from the class
   * path).
   */
  @Test
  void everyModulesMainCodeIsImported() {
    for (String root :
        List.of(
            LayeringRules.COMMON,
            LayeringRules.SOURCE,
            LayeringRules.SINK,
            LayeringRules.SIMULATOR,
            LayeringRules.LAUNCHER,
            LayeringRules.LAG_EXPORTER,
            LayeringRules.BENCH)) {
      String prefix = root.substring(0, root.length() - 2);
      assertThat(
              mainCode.stream()
                  .map(JavaClass::getPackageName)
                  .filter(p -> p.equals(prefix) || p.startsWith(prefix + ".")))
          .as("main classes under " + prefix)
          .isNotEmpty();
    }
    assertThat(
            mainCode.stream().map(JavaClass::getPackageName).filter(p -> p.contains("archfixture")))
        .as("the rule-breaking fixtures of LayeringRulesTest are test classes, not checked here")
        .isEmpty();
  }
}
