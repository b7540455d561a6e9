package io.tidestream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.common.metrics.JmxPrometheusExporterMetrics;
import io.strimzi.api.kafka.model.connect.KafkaConnect;
import io.strimzi.api.kafka.model.connect.KafkaConnectResources;
import io.strimzi.api.kafka.model.connect.KafkaConnectSpec;
import io.strimzi.api.kafka.model.connect.build.DockerOutput;
import io.strimzi.api.kafka.model.connect.build.Plugin;
import io.strimzi.api.kafka.model.connect.build.ZipArtifact;
import io.strimzi.api.kafka.model.connector.KafkaConnector;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every manifest of {@code deploy/strimzi} read strictly into Strimzi's and fabric8's model ({@link
 * Manifests}), the references between them, and the files that they must stay in step with: the
 * worker settings of {@code config/connect-distributed.properties}, the connector configurations of
 * {@code config/*.json} and the plugin rules of {@code prometheus/jmx-exporter.yml}.
 */
class StrimziManifestsTest {

  static final Path ROOT = repositoryRoot();
  static final Path DIR = ROOT.resolve("deploy/strimzi");
  static final ObjectMapper YAML = new YAMLMapper();
  static final Pattern SECRET_REF = Pattern.compile("\\$\\{secrets:([^/}]+)/([^:}]+):([^}]+)}");

  /**
   * Keys of config/connect-distributed.properties that the KafkaConnect leaves out, and why: the
   * first two are Strimzi's to set (FORBIDDEN_PREFIXES), the third is left at Kafka's default
   * because Strimzi's image puts plugins of its own beside ours.
   */
  static final Set<String> WORKER_KEYS_LEFT_OUT =
      Set.of("bootstrap.servers", "plugin.path", "plugin.discovery");

  /** Worker keys whose value is the cluster's own: names of its group and topics, replication. */
  static final Set<String> WORKER_VALUES_OF_THE_CLUSTER =
      Set.of(
          "group.id",
          "config.storage.topic",
          "offset.storage.topic",
          "status.storage.topic",
          "config.storage.replication.factor",
          "offset.storage.replication.factor",
          "status.storage.replication.factor");

  /** Worker keys only on Kubernetes: the config provider that reads Secrets. */
  static final Map<String, String> WORKER_KEYS_ADDED =
      Map.of(
          "config.providers", "secrets",
          "config.providers.secrets.class", "io.strimzi.kafka.KubernetesSecretConfigProvider");

  /** Connector keys whose value differs on Kubernetes: where the engine is, replication. */
  static final Set<String> CONNECTOR_VALUES_OF_THE_CLUSTER =
      Set.of(
          "connection.urls",
          "topic.creation.default.replication.factor",
          "errors.deadletterqueue.topic.replication.factor");

  /** Connector keys only on Kubernetes: credentials, each a reference to a Secret. */
  static final Set<String> CONNECTOR_SECRET_KEYS =
      Set.of("connection.username", "connection.password");

  static List<HasMetadata> all;
  static KafkaConnect connect;

  @BeforeAll
  static void readEveryManifest() {
    all = new ArrayList<>();
    for (Path file : Manifests.yamlFiles(DIR)) {
      List<HasMetadata> resources = Manifests.read(file);
      assertThat(resources).as(file + " holds at least one resource").isNotEmpty();
      all.addAll(resources);
    }
    List<KafkaConnect> connects = of(KafkaConnect.class);
    assertThat(connects).as("one KafkaConnect in deploy/strimzi").hasSize(1);
    connect = connects.get(0);
  }

  @Test
  void everyKindIsThereOnceInOneNamespace() {
    assertThat(all.stream().map(HasMetadata::getKind).sorted())
        .containsExactly(
            "ConfigMap",
            "KafkaConnect",
            "KafkaConnector",
            "KafkaConnector",
            "Role",
            "RoleBinding",
            "Secret");
    assertThat(all.stream().map(r -> r.getMetadata().getNamespace()).distinct())
        .containsExactly(namespace());
  }

  @Test
  void connectUsesConnectorResourcesAndBuildsItsImageFromOurZips() {
    assertThat(connect.getMetadata().getAnnotations())
        .containsEntry("strimzi.io/use-connector-resources", "true");
    assertThat(connect.getSpec().getBuild().getOutput()).isInstanceOf(DockerOutput.class);
    List<Plugin> plugins = connect.getSpec().getBuild().getPlugins();
    assertThat(plugins.stream().map(Plugin::getName))
        .containsExactly("noaa-rest-source", "elastic-geo-sink");
    for (Plugin plugin : plugins) {
      assertThat(plugin.getArtifacts())
          .hasSize(1)
          .allSatisfy(
              a -> {
                assertThat(a).isInstanceOf(ZipArtifact.class);
                ZipArtifact zip = (ZipArtifact) a;
                String file = zip.getUrl().substring(zip.getUrl().lastIndexOf('/') + 1);
                assertThat(zip.getUrl()).startsWith("https://");
                assertThat(file).startsWith(plugin.getName() + "-").endsWith(".zip");
                // a real checksum, or the placeholder that README.md says how to fill in
                assertThat(zip.getSha512sum())
                    .matches("[0-9a-f]{128}|" + Pattern.quote("REPLACE-WITH-sha512sum-OF-" + file));
              });
    }
  }

  @Test
  void workerConfigIsConnectDistributedPropertiesAsStrimziAllowsIt() throws IOException {
    Map<String, String> worker = strings(connect.getSpec().getConfig());
    for (String key : worker.keySet()) {
      assertThat(forbidden(key))
          .as(key + " is set by Strimzi (KafkaConnectSpec.FORBIDDEN_PREFIXES)")
          .isFalse();
    }
    Map<String, String> expected = new TreeMap<>();
    Properties props = new Properties();
    try (Reader r =
        Files.newBufferedReader(ROOT.resolve("config/connect-distributed.properties"))) {
      props.load(r);
    }
    props.stringPropertyNames().forEach(k -> expected.put(k, props.getProperty(k)));
    WORKER_KEYS_LEFT_OUT.forEach(expected::remove);
    expected.putAll(WORKER_KEYS_ADDED);
    assertThat(worker.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.keySet().removeAll(WORKER_VALUES_OF_THE_CLUSTER);
    assertThat(worker).containsAllEntriesOf(expected);
    assertThat(worker).containsEntry("offset.flush.interval.ms", "5000");
  }

  @ParameterizedTest
  @CsvSource({
    "ssl.keystore.location, true",
    "plugin.path, true",
    "rest.port, true",
    "bootstrap.servers, true",
    "ssl.endpoint.identification.algorithm, false",
    "plugin.discovery, false",
    "offset.flush.interval.ms, false"
  })
  void forbiddenKeysAreStrimzisOwnList(String key, boolean isForbidden) {
    assertThat(forbidden(key)).isEqualTo(isForbidden);
  }

  @Test
  void metricsConfigPointsAtTheConfigMapAndItsRulesParse() throws IOException {
    JsonNode rules = strimziRules();
    assertThat(rules.path("rules").isArray()).isTrue();
    assertThat(rules.path("lowercaseOutputName").asBoolean()).isTrue();
  }

  @Test
  void pluginRulesAreThoseOfPrometheusJmxExporterYml() throws IOException {
    JsonNode ours = YAML.readTree(ROOT.resolve("prometheus/jmx-exporter.yml").toFile());
    List<JsonNode> expected = pluginRules(ours);
    List<JsonNode> actual = pluginRules(strimziRules());
    assertThat(expected).as("plugin rules in prometheus/jmx-exporter.yml").hasSizeGreaterThan(3);
    assertThat(actual)
        .as("the plugin rules of 02-connect-metrics.yaml, kept identical to jmx-exporter.yml's")
        .containsExactlyElementsOf(expected);
    // first matching rule wins: ours come before any rule that could take a plugins bean
    List<JsonNode> all = list(strimziRules().path("rules"));
    assertThat(all.subList(0, expected.size())).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @CsvSource({"noaa-source, config/noaa-source.json", "elastic-sink, config/elastic-sink.json"})
  void connectorCarriesTheKeysOfItsConfigJson(String name, String json) throws IOException {
    KafkaConnector connector = connector(name);
    assertThat(connector.getMetadata().getLabels())
        .containsEntry("strimzi.io/cluster", connect.getMetadata().getName());
    Map<String, String> expected =
        strings(
            new ObjectMapper()
                .convertValue(
                    new ObjectMapper().readTree(ROOT.resolve(json).toFile()).path("config"),
                    Map.class));
    assertThat(connector.getSpec().getClassName()).isEqualTo(expected.remove("connector.class"));
    assertThat(connector.getSpec().getTasksMax().toString())
        .isEqualTo(expected.remove("tasks.max"));
    Map<String, String> actual = strings(connector.getSpec().getConfig());
    Map<String, String> secrets = new TreeMap<>(actual);
    secrets.keySet().retainAll(CONNECTOR_SECRET_KEYS);
    actual.keySet().removeAll(CONNECTOR_SECRET_KEYS);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.keySet().removeAll(CONNECTOR_VALUES_OF_THE_CLUSTER);
    assertThat(actual).containsAllEntriesOf(expected);
    assertThat(secrets.values()).allMatch(v -> SECRET_REF.matcher(v).matches());
  }

  @Test
  void theSinkReadsItsPasswordFromTheSecretThatConnectMayRead() {
    assertThat(connector("elastic-sink").getSpec().getConfig().get("connection.password"))
        .asString()
        .startsWith("${secrets:");
    // the service account that Strimzi gives the Connect pods, named by Strimzi's own helper
    String serviceAccount =
        KafkaConnectResources.serviceAccountName(connect.getMetadata().getName());
    for (KafkaConnector connector : of(KafkaConnector.class)) {
      for (Object value : connector.getSpec().getConfig().values()) {
        Matcher ref = SECRET_REF.matcher(value.toString());
        while (ref.find()) {
          String ns = ref.group(1);
          String secretName = ref.group(2);
          assertThat(ns).isEqualTo(namespace());
          Secret secret = named(Secret.class, secretName);
          Map<String, String> keys = new LinkedHashMap<>();
          if (secret.getStringData() != null) {
            keys.putAll(secret.getStringData());
          }
          if (secret.getData() != null) {
            keys.putAll(secret.getData());
          }
          assertThat(keys).as("keys of Secret " + secretName).containsKey(ref.group(3));
          assertThat(mayGet(serviceAccount, secretName))
              .as(serviceAccount + " may get Secret " + secretName)
              .isTrue();
        }
      }
    }
  }

  private static boolean mayGet(String serviceAccount, String secret) {
    for (RoleBinding binding : of(RoleBinding.class)) {
      boolean bindsAccount =
          binding.getSubjects().stream()
              .anyMatch(
                  s ->
                      "ServiceAccount".equals(s.getKind())
                          && serviceAccount.equals(s.getName())
                          && namespace().equals(s.getNamespace()));
      if (!bindsAccount || !"Role".equals(binding.getRoleRef().getKind())) {
        continue;
      }
      Role role = named(Role.class, binding.getRoleRef().getName());
      for (PolicyRule rule : role.getRules()) {
        if (rule.getApiGroups().contains("")
            && rule.getResources().contains("secrets")
            && rule.getVerbs().contains("get")
            && (rule.getResourceNames() == null
                || rule.getResourceNames().isEmpty()
                || rule.getResourceNames().contains(secret))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The JMX exporter configuration in the ConfigMap that the KafkaConnect names. */
  static JsonNode strimziRules() throws IOException {
    JmxPrometheusExporterMetrics metrics =
        (JmxPrometheusExporterMetrics) connect.getSpec().getMetricsConfig();
    var ref = metrics.getValueFrom().getConfigMapKeyRef();
    ConfigMap map = named(ConfigMap.class, ref.getName());
    assertThat(map.getData()).as("ConfigMap " + ref.getName()).containsKey(ref.getKey());
    return YAML.readTree(map.getData().get(ref.getKey()));
  }

  static List<JsonNode> pluginRules(JsonNode exporterConfig) {
    return list(exporterConfig.path("rules")).stream()
        .filter(r -> r.path("pattern").asText().startsWith("kafka.connect<type=plugins,"))
        .toList();
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  static boolean forbidden(String key) {
    List<String> exceptions = List.of(KafkaConnectSpec.FORBIDDEN_PREFIX_EXCEPTIONS.split(",\\s*"));
    return !exceptions.contains(key)
        && List.of(KafkaConnectSpec.FORBIDDEN_PREFIXES.split(",\\s*")).stream()
            .anyMatch(key::startsWith);
  }

  private static KafkaConnector connector(String name) {
    return named(KafkaConnector.class, name);
  }

  private static String namespace() {
    return connect.getMetadata().getNamespace();
  }

  private static <T extends HasMetadata> T named(Class<T> kind, String name) {
    List<T> found = of(kind).stream().filter(r -> name.equals(r.getMetadata().getName())).toList();
    assertThat(found).as(kind.getSimpleName() + " " + name + " in deploy/strimzi").hasSize(1);
    return found.get(0);
  }

  private static <T extends HasMetadata> List<T> of(Class<T> kind) {
    return all.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  private static Map<String, String> strings(Map<?, ?> config) {
    Map<String, String> out = new TreeMap<>();
    config.forEach((k, v) -> out.put(k.toString(), String.valueOf(v)));
    return out;
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy/strimzi"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no deploy/strimzi above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
