package io.tidestream.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests (YAML, one or more documents a file) into Strimzi's and fabric8's Java
 * API model, strictly: an unknown or misspelled field, a duplicate key, or a kind that is not in
 * {@link #MODELS} is an error that names the file and the field.
 *
 * <p>Strict needs more than {@code FAIL_ON_UNKNOWN_PROPERTIES}: Strimzi's and fabric8's model
 * classes keep unknown fields in an {@code additionalProperties} map through {@code @JsonAnySetter}
 * (so that a newer API's fields survive a round trip), and Jackson then never calls a field
 * unknown. The introspector below takes the any-setters away, so an unknown field fails as it
 * should.
 */
final class Manifests {

  /** The model class of each {@code apiVersion}/{@code kind} that deploy/ may use. */
  static final Map<String, Class<? extends HasMetadata>> MODELS =
      Map.of(
          "kafka.strimzi.io/v1beta2/KafkaConnect", KafkaConnect.class,
          "kafka.strimzi.io/v1beta2/KafkaConnector", KafkaConnector.class,
          "v1/Secret", Secret.class,
          "v1/ConfigMap", ConfigMap.class,
          "rbac.authorization.k8s.io/v1/Role", Role.class,
          "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class);

  static final ObjectMapper STRICT = strictMapper();

  private Manifests() {}

  private static ObjectMapper strictMapper() {
    YAMLMapper mapper = new YAMLMapper();
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.setAnnotationIntrospector(
        new JacksonAnnotationIntrospector() {
          @Override
          public Boolean hasAnySetter(Annotated a) {
            return Boolean.FALSE;
          }
        });
    return mapper;
  }

  /**
   * The YAML files of a folder, by name (the order in which {@code kubectl apply -f} takes them).
   */
  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a file, each read into its model class. */
  static List<HasMetadata> read(Path file) {
    try {
      return read(file.getFileName().toString(), Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of {@code yaml} ({@code name} is for messages), each read into its model. */
  static List<HasMetadata> read(String name, String yaml) {
    List<HasMetadata> resources = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = STRICT.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNextValue()) {
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> model = MODELS.get(type);
        if (model == null) {
          throw new IllegalArgumentException(
              name
                  + ": apiVersion/kind "
                  + type
                  + " is not one that deploy-tests knows; known: "
                  + MODELS.keySet().stream().sorted().toList()
                  + " (a new kind needs its model class in Manifests.MODELS)");
        }
        resources.add(STRICT.treeToValue(doc, model));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    return resources;
  }
}
