package io.tidestream.noaa.config;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Every element of a list matches a pattern; used for station ids. */
public final class PatternListValidator implements ConfigDef.Validator {

  private final Pattern pattern;
  private final String what;

  public PatternListValidator(String regex, String what) {
    this.pattern = Pattern.compile(regex);
    this.what = what;
  }

  @Override
  public void ensureValid(String name, Object value) {
    if (!(value instanceof List<?> list)) {
      return;
    }
    for (Object o : list) {
      String s = String.valueOf(o).trim();
      if (!pattern.matcher(s).matches()) {
        throw new ConfigException(name, s, "'" + s + "' is not " + what);
      }
    }
  }

  @Override
  public String toString() {
    return "list of " + what;
  }
}
