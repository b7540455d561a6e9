package io.tidestream.pipeline.engine;

import io.tidestream.pipeline.BuildInfo;
import java.util.List;
import java.util.Locale;

/**
 * The search engines we run and test against, from their Maven Central {@code integ-test-zip}
 * distributions. Each knows its coordinates, the JDK range it runs on and its variable names.
 */
public enum EngineKind {
  OPENSEARCH_2("opensearch-2", Family.OPENSEARCH, "opensearch2.version", 17, 23),
  OPENSEARCH_3("opensearch-3", Family.OPENSEARCH, "opensearch3.version", 21, Integer.MAX_VALUE),
  ELASTICSEARCH_7("elasticsearch-7", Family.ELASTICSEARCH, "elasticsearch7.version", 17, 23),
  ELASTICSEARCH_8("elasticsearch-8", Family.ELASTICSEARCH, "elasticsearch8.version", 17, 23),
  ELASTICSEARCH_9(
      "elasticsearch-9", Family.ELASTICSEARCH, "elasticsearch9.version", 21, Integer.MAX_VALUE);

  /** OpenSearch or Elasticsearch: they differ in names, not in how we run them. */
  public enum Family {
    OPENSEARCH(
        "org.opensearch.distribution.integ-test-zip",
        "opensearch",
        "OPENSEARCH_JAVA_HOME",
        "OPENSEARCH_JAVA_OPTS",
        "OPENSEARCH_PATH_CONF"),
    ELASTICSEARCH(
        "org.elasticsearch.distribution.integ-test-zip",
        "elasticsearch",
        "ES_JAVA_HOME",
        "ES_JAVA_OPTS",
        "ES_PATH_CONF");

    final String groupId;
    final String artifactId;
    final String javaHomeVar;
    final String javaOptsVar;
    final String pathConfVar;

    Family(
        String groupId,
        String artifactId,
        String javaHomeVar,
        String javaOptsVar,
        String pathConfVar) {
      this.groupId = groupId;
      this.artifactId = artifactId;
      this.javaHomeVar = javaHomeVar;
      this.javaOptsVar = javaOptsVar;
      this.pathConfVar = pathConfVar;
    }
  }

  private final String id;
  private final Family family;
  private final String versionKey;
  final int minJava;
  final int maxJava;

  EngineKind(String id, Family family, String versionKey, int minJava, int maxJava) {
    this.id = id;
    this.family = family;
    this.versionKey = versionKey;
    this.minJava = minJava;
    this.maxJava = maxJava;
  }

  /** The name users type: {@code opensearch-2}, {@code elasticsearch-8}, … */
  public String id() {
    return id;
  }

  public Family family() {
    return family;
  }

  public String version(BuildInfo build) {
    return build.engineVersion(versionKey);
  }

  /** {@code group:artifact:version:zip}, as {@code mvn dependency:get} takes it. */
  public String coordinates(BuildInfo build) {
    return family.groupId + ":" + family.artifactId + ":" + version(build) + ":zip";
  }

  /** Settings ({@code -E key=value}) this engine needs beyond the common ones. */
  List<String> extraSettings() {
    return switch (this) {
      case ELASTICSEARCH_8, ELASTICSEARCH_9 -> List.of("xpack.security.enabled=false");
      default -> List.of();
    };
  }

  public static EngineKind fromId(String id) {
    String wanted = id.toLowerCase(Locale.ROOT);
    for (EngineKind k : values()) {
      if (k.id.equals(wanted)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "Unknown engine '"
            + id
            + "': choose one of opensearch-2, opensearch-3, "
            + "elasticsearch-7, elasticsearch-8, elasticsearch-9");
  }
}
