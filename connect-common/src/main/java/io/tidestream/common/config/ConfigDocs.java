package io.tidestream.common.config;

import org.apache.kafka.common.config.ConfigDef;

/**
 * Renders a connector's configuration reference (reStructuredText, from {@link
 * ConfigDef#toEnrichedRst()}) with a header that says where it comes from and how to regenerate it.
 * Each connector commits the result under {@code docs/}; its drift test fails when the committed
 * file differs.
 */
public final class ConfigDocs {

  private ConfigDocs() {}

  /**
   * @param title the page title, e.g. "NOAA CO-OPS source connector configuration"
   * @param source the config class the reference is generated from
   * @param regenerate the command that rewrites the committed file
   * @param intro a paragraph after the title (connector class, conventions), may be empty
   */
  public static String render(
      String title, Class<?> source, String regenerate, String intro, ConfigDef def) {
    StringBuilder out = new StringBuilder();
    out.append("..\n")
        .append("   Generated from ")
        .append(source.getSimpleName())
        .append(" by ")
        .append(ConfigDocs.class.getName())
        .append("; do not edit.\n")
        .append("   Regenerate: ")
        .append(regenerate)
        .append("\n\n")
        .append(title)
        .append('\n')
        .append("=".repeat(title.length()))
        .append("\n\n");
    if (!intro.isBlank()) {
      out.append(intro.strip()).append("\n\n");
    }
    return out.append(def.toEnrichedRst()).toString();
  }
}
