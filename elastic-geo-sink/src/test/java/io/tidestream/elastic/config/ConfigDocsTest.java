package io.tidestream.elastic.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The committed config reference must equal what the code generates. */
class ConfigDocsTest {

  static Path docFile() {
    Path module = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    return module.toAbsolutePath().getParent().resolve("docs").resolve("elastic-geo-sink-config.rst");
  }

  @Test
  void committedConfigReferenceMatchesConfigDef() throws IOException {
    Path doc = docFile();
    String expected = ConfigDocs.render();
    if (Boolean.getBoolean("elastic.docs.write")) {
      Files.createDirectories(doc.getParent());
      Files.writeString(doc, expected, StandardCharsets.UTF_8);
    }
    assertThat(doc)
        .withFailMessage("%s is missing; generate it with: mvn -q -B -pl elastic-geo-sink test "
            + "-Dtest=ConfigDocsTest -Delastic.docs.write=true", doc)
        .exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .withFailMessage("%s is out of date with ElasticGeoSinkConfig; regenerate it with: mvn -q -B "
            + "-pl elastic-geo-sink test -Dtest=ConfigDocsTest -Delastic.docs.write=true and commit it", doc)
        .isEqualTo(expected);
  }

  @Test
  void everyKeyIsDocumentedGroupedAndValidated() {
    ElasticGeoSinkConfig.configDef().configKeys().values().forEach(k -> {
      assertThat(k.documentation).as(k.name).isNotBlank();
      assertThat(k.group).as(k.name).isNotBlank();
      assertThat(k.displayName).as(k.name).isNotBlank();
      assertThat(k.orderInGroup).as(k.name).isPositive();
    });
  }

  @Test
  void defaultsSuitTheNoaaSourceRecords() {
    ElasticGeoSinkConfig config = new ElasticGeoSinkConfig(java.util.Map.of("connection.urls", "http://127.0.0.1:9200"));
    assertThat(config.idFields()).extracting(Object::toString).containsExactly("station_id", "product", "time");
    assertThat(config.geoLat().toString()).isEqualTo("lat");
    assertThat(config.geoTarget()).isEqualTo("location");
    assertThat(config.errorPredicates()).extracting(p -> p.describe()).containsExactly("exists:error");
    assertThat(config.retryBudgetMillis()).isEqualTo(600_000L);
    assertThat(config.documentMaxBytes()).as("the worker's dead-letter producer and Kafka's topics default to ~1 MiB too")
        .isEqualTo(1_048_576L);
    assertThat(config.password()).isNull();
  }
}
