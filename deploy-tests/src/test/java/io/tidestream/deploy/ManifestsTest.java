package io.tidestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict reader refuses what Kubernetes or Strimzi would ignore or reject. */
class ManifestsTest {

  static final String CONNECT =
      """
      apiVersion: kafka.strimzi.io/v1beta2
      kind: KafkaConnect
      metadata:
        name: c
      spec:
        replicas: 1
        bootstrapServers: kafka:9092
        build:
          output:
            type: docker
            image: registry.example.com/c:1
          plugins:
            - name: p
              artifacts:
                - type: zip
                  url: https://example.com/p.zip
                  sha512sum: abc
        metricsConfig:
          type: jmxPrometheusExporter
          valueFrom:
            configMapKeyRef:
              name: m
              key: k
      """;

  static final String CONNECTOR =
      """
      apiVersion: kafka.strimzi.io/v1beta2
      kind: KafkaConnector
      metadata:
        name: s
        labels:
          strimzi.io/cluster: c
      spec:
        class: a.B
        tasksMax: 2
        config:
          any.key: any value
      """;

  static final String SECRET =
      """
      apiVersion: v1
      kind: Secret
      metadata:
        name: s
      stringData:
        password: x
      """;

  static final String ROLE =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: r
      rules:
        - apiGroups: [""]
          resources: ["secrets"]
          verbs: ["get"]
      """;

  @Test
  void wellFormedManifestsAreReadIntoTheirModelClasses() {
    KafkaConnect connect = (KafkaConnect) Manifests.read("connect", CONNECT).get(0);
    assertThat(connect.getSpec().getBuild().getPlugins().get(0).getArtifacts()).hasSize(1);
    assertThat(connect.getAdditionalProperties()).isEmpty();
    KafkaConnector connector = (KafkaConnector) Manifests.read("connector", CONNECTOR).get(0);
    assertThat(connector.getSpec().getTasksMax()).isEqualTo(2);
    // free-form maps (a connector's config, a Secret's data) take any key
    assertThat(connector.getSpec().getConfig()).containsEntry("any.key", "any value");
    assertThat(((Secret) Manifests.read("secret", SECRET).get(0)).getStringData())
        .containsKey("password");
    assertThat(Manifests.read("two", SECRET + "---\n" + ROLE)).hasSize(2);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    // a misspelled field, at each depth and in each model
    "CONNECT, 'bootstrapServers:', 'bootstrapServer:'",
    "CONNECT, 'replicas: 1', 'replica: 1'",
    "CONNECT, 'sha512sum:', 'sha512:'",
    "CONNECT, 'configMapKeyRef:', 'configMapRef:'",
    "CONNECT, 'metadata:', 'metdata:'",
    "CONNECTOR, 'tasksMax:', 'taskMax:'",
    "CONNECTOR, 'class:', 'connectorClass:'",
    "SECRET, 'stringData:', 'stringdata:'",
    "ROLE, 'verbs:', 'verb:'",
    // a wrong type of artifact or metrics
    "CONNECT, 'type: zip', 'type: zipp'",
    "CONNECT, 'type: jmxPrometheusExporter', 'type: prometheus'",
    // a kind that the reader does not know
    "SECRET, 'kind: Secret', 'kind: Secrets'",
    "CONNECTOR, 'v1beta2', 'v1alpha1'",
  })
  void aMisspelledFieldOrUnknownKindIsRefused(String manifest, String from, String to) {
    String yaml = yamlOf(manifest);
    assertThat(yaml).contains(from);
    assertThatThrownBy(() -> Manifests.read("bad.yaml", yaml.replace(from, to)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad.yaml: ");
  }

  @Test
  void aDuplicateKeyIsRefused() {
    assertThatThrownBy(() -> Manifests.read("dup.yaml", CONNECTOR + "  tasksMax: 3\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tasksMax");
  }

  @Test
  void theErrorNamesTheUnknownField() {
    assertThatThrownBy(() -> Manifests.read("bad.yaml", CONNECTOR.replace("tasksMax:", "taskMax:")))
        .hasMessageContaining("\"taskMax\"");
  }

  private static String yamlOf(String manifest) {
    return switch (manifest) {
      case "CONNECT" -> CONNECT;
      case "CONNECTOR" -> CONNECTOR;
      case "SECRET" -> SECRET;
      case "ROLE" -> ROLE;
      default -> throw new IllegalArgumentException(manifest);
    };
  }
}
