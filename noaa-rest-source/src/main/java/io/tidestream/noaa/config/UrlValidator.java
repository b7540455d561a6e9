package io.tidestream.noaa.config;

import okhttp3.HttpUrl;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** An absolute http(s) URL. */
public final class UrlValidator implements ConfigDef.Validator {

  @Override
  public void ensureValid(String name, Object value) {
    String v = value == null ? "" : String.valueOf(value).trim();
    if (HttpUrl.parse(v) == null) {
      throw new ConfigException(name, v, "Not an absolute http:// or https:// URL");
    }
  }

  @Override
  public String toString() {
    return "absolute http(s) URL";
  }
}
