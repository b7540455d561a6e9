package io.tidestream.noaa.config;

import io.tidestream.noaa.api.NoaaProduct;
import java.util.Comparator;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A topic name in which {@code ${product}} may appear; the result must be a legal topic name. */
public final class TopicTemplateValidator implements ConfigDef.Validator {

  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  /** The longest rendering must fit too. */
  private static final String LONGEST_PRODUCT =
      NoaaProduct.apiNames().stream().max(Comparator.comparingInt(String::length)).orElseThrow();

  private final boolean allowEmpty;

  public TopicTemplateValidator(boolean allowEmpty) {
    this.allowEmpty = allowEmpty;
  }

  public static String render(String template, String product) {
    return template.replace("${product}", product);
  }

  @Override
  public void ensureValid(String name, Object value) {
    String v = value == null ? "" : String.valueOf(value).trim();
    if (v.isEmpty() && allowEmpty) {
      return;
    }
    String rendered = render(v, LONGEST_PRODUCT);
    if (!LEGAL.matcher(rendered).matches() || rendered.equals(".") || rendered.equals("..")) {
      throw new ConfigException(
          name,
          v,
          "Not a legal topic name (letters, digits, '.', '_', '-'; "
              + "'${product}' is replaced by the product name)");
    }
  }

  @Override
  public String toString() {
    return "topic name, may contain ${product}";
  }
}
