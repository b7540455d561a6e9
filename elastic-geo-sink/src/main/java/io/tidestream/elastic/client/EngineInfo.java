package io.tidestream.elastic.client;

/** Which engine answers, and which version: decides template API and bulk dialect. */
public record EngineInfo(Distribution distribution, String version, int major, int minor) {

  public enum Distribution {
    ELASTICSEARCH,
    OPENSEARCH
  }

  public static EngineInfo of(Distribution distribution, String version) {
    int major = 0;
    int minor = 0;
    String[] parts = version.split("[.-]");
    try {
      major = Integer.parseInt(parts[0]);
      minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    } catch (NumberFormatException e) {
      // leave 0.0: treated as a modern engine
    }
    return new EngineInfo(distribution, version, major, minor);
  }

  /**
   * Composable index templates ({@code _index_template}): Elasticsearch 7.8+ and every OpenSearch.
   */
  public boolean supportsComposableTemplates() {
    return distribution == Distribution.OPENSEARCH
        || major == 0
        || major > 7
        || (major == 7 && minor >= 8);
  }

  @Override
  public String toString() {
    return (distribution == Distribution.OPENSEARCH ? "OpenSearch " : "Elasticsearch ") + version;
  }
}
