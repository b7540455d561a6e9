package io.tidestream.it;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tidestream.architecture.LayeringRules;
import org.junit.jupiter.api.Test;

/**
 * Layering rule 4 over this module's own code: the integration tests reach the connectors only
 * through their plugin ZIPs and the Connect REST API (connector class names as strings in connector
 * configurations). A unit test (Surefire), so it runs before any server starts. The POM's enforcer
 * execution "layering" keeps the connector jars off the class path besides.
 */
class LayeringTest {

  @Test
  void theIntegrationTestsReachTheConnectorsOnlyThroughTheirZipsAndRest() {
    JavaClasses tests =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.tidestream.it");
    LayeringRules.ONLY_ZIP_AND_REST.check(tests);
  }
}
