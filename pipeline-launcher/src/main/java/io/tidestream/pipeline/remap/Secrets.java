package io.tidestream.pipeline.remap;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps secrets out of the remap state document: a connector configuration is stored without them
 * and they are read back from a live connector that has the same keys. Pure.
 */
public final class Secrets {

  private Secrets() {}

  /** Whether {@code key} may hold a secret (password, API key, token, secret, key store). */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("api.key")
        || k.contains("apikey")
        || k.contains("secret")
        || k.contains("token")
        || k.contains("credential");
  }

  public static Map<String, String> strip(Map<String, String> config) {
    Map<String, String> c = new TreeMap<>();
    config.forEach(
        (k, v) -> {
          if (!isSecret(k)) {
            c.put(k, v);
          }
        });
    return c;
  }

  /** The secret keys of {@code config}, so a stored copy can say which ones it lacks. */
  public static Set<String> secretKeys(Map<String, String> config) {
    Set<String> keys = new TreeSet<>();
    config.keySet().stream().filter(Secrets::isSecret).forEach(keys::add);
    return keys;
  }

  /**
   * {@code stored} with each of {@code keys} taken from {@code live}; the keys {@code live} lacks
   * are left out (the caller names them).
   */
  public static Map<String, String> restore(
      Map<String, String> stored, Set<String> keys, Map<String, String> live) {
    Map<String, String> c = new TreeMap<>(stored);
    for (String k : keys) {
      if (live.containsKey(k)) {
        c.put(k, live.get(k));
      }
    }
    return c;
  }
}
