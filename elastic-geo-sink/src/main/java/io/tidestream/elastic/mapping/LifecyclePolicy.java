package io.tidestream.elastic.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.retry.EngineError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code mapping.lifecycle.policy}: how the named policy reaches every index the sink's template
 * makes, and what the engine's answer to the policy look-up means. Pure: {@link TemplateInstaller}
 * makes the HTTP call and acts on the answer.
 *
 * <ul>
 *   <li><b>Elasticsearch (ILM)</b>: the template's settings get {@code index.lifecycle.name}, so
 *       plain, time-based and data stream backing indices are managed from their creation; the
 *       policy must exist ({@code GET _ilm/policy/<name>}).
 *   <li><b>OpenSearch (ISM)</b>: ISM ignores the old {@code policy_id} index setting (since Open
 *       Distro 1.13) and attaches a policy to a new index only through the policy's own {@code
 *       ism_template} (for a data stream's backing index, matched against the stream's name). So
 *       nothing is added to the template; the policy must exist ({@code GET
 *       _plugins/_ism/policies/<name>}) and its {@code ism_template.index_patterns} must cover the
 *       template's patterns, else the message names the JSON to add.
 * </ul>
 */
public final class LifecyclePolicy {

  /**
   * The key this class serves; every message names it ({@code ElasticGeoSinkConfig} has the same,
   * the config package does not depend on this one).
   */
  public static final String KEY = "mapping.lifecycle.policy";

  /** Elasticsearch's index setting that names an index's ILM policy. */
  public static final String ILM_SETTING = "index.lifecycle.name";

  private final String name;

  public LifecyclePolicy(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /**
   * The ILM policy {@code settings} name ({@code index.lifecycle.name}, with or without the {@code
   * index.} prefix, dotted or nested), or null.
   */
  static String named(JsonNode settings) {
    List<String> found = new ArrayList<>();
    collect(settings, "", found);
    return found.isEmpty() ? null : found.get(0);
  }

  private static void collect(JsonNode node, String path, List<String> found) {
    if (node == null || !node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      if (e.getValue().isObject()) {
        collect(e.getValue(), key, found);
      } else if (key.equals(ILM_SETTING) || key.equals("lifecycle.name")) {
        found.add(e.getValue().asText());
      }
    }
  }

  /**
   * Null when the template's own settings name no lifecycle policy, or this one; else both values
   * and the fix.
   */
  public String conflict(TemplateBody body) {
    String own = named(body.settings());
    if (own == null || own.equals(name)) {
      return null;
    }
    return "The index template sets "
        + ILM_SETTING
        + "='"
        + own
        + "' but "
        + KEY
        + "='"
        + name
        + "'; remove the setting from mapping.template.file / mapping.template.inline /"
        + " mapping.index.settings, or make both name the same policy";
  }

  /**
   * The template as installed on {@code engine}: on Elasticsearch with {@code
   * index.lifecycle.name}; on OpenSearch as it is (ISM reads the policy's ism_template instead).
   */
  public TemplateBody applyTo(TemplateBody body, EngineInfo engine) {
    if (engine.distribution() != EngineInfo.Distribution.ELASTICSEARCH
        || name.equals(named(body.settings()))) {
      return body;
    }
    return body.withSetting(ILM_SETTING, name);
  }

  /** The path that looks the policy up on {@code engine}. */
  public String lookupPath(EngineInfo engine) {
    return engine.distribution() == EngineInfo.Distribution.ELASTICSEARCH
        ? "/_ilm/policy/" + name
        : "/_plugins/_ism/policies/" + name;
  }

  /**
   * What the engine's answer to {@link #lookupPath} means (a busy engine, 429/5xx, is the caller's
   * to retry).
   *
   * @param status the HTTP status
   * @param error the error object of a non-2xx body, or null
   * @param policy the body of a 2xx answer, or null
   * @param patterns the template's index patterns
   * @return null when the policy reaches the sink's indices, or when the answer cannot tell (401,
   *     403: the user may not read policies; the engine then applies what it has); else the problem
   *     and its fix, for {@link #KEY}
   */
  public String judge(
      EngineInfo engine,
      int status,
      EngineError error,
      JsonNode policy,
      List<String> patterns,
      ObjectMapper mapper) {
    boolean elastic = engine.distribution() == EngineInfo.Distribution.ELASTICSEARCH;
    if (status == 401 || status == 403) {
      return null;
    }
    if (status >= 200 && status < 300) {
      return elastic ? null : uncovered(engine, policy, patterns, mapper);
    }
    String type = error == null ? null : error.type();
    // A 404 says the policy is missing ("no handler" answers are 400/405), except from an
    // Elasticsearch 7 without ILM, which reads the path as a document GET and answers 404
    // index_not_found_exception. ISM without its config index (no policy yet) may answer that too.
    boolean noIlmHandler = elastic && "index_not_found_exception".equals(type);
    if (status == 404 && type != null && !noIlmHandler) {
      return missing(engine, patterns, mapper);
    }
    String answer =
        "HTTP "
            + status
            + (error == null || error.innermost() == null ? "" : ": " + error.innermost());
    return elastic
        ? "Index lifecycle management (ILM) is not available on "
            + engine
            + " (GET _ilm/policy/"
            + name
            + " answered "
            + answer
            + "): ILM comes with Elasticsearch's default distribution (basic licence), not with"
            + " the OSS or integ-test ones; use such a distribution or leave "
            + KEY
            + " empty"
        : "Index State Management (ISM) is not available on "
            + engine
            + " (GET _plugins/_ism/policies/"
            + name
            + " answered "
            + answer
            + "): install the opensearch-index-management plugin (it comes with the default"
            + " OpenSearch distribution, not with the minimal one) or leave "
            + KEY
            + " empty";
  }

  private String missing(EngineInfo engine, List<String> patterns, ObjectMapper mapper) {
    if (engine.distribution() == EngineInfo.Distribution.ELASTICSEARCH) {
      return "The ILM policy '"
          + name
          + "' ("
          + KEY
          + ") does not exist on "
          + engine
          + "; create it (PUT _ilm/policy/"
          + name
          + " {\"policy\":{\"phases\":{\"hot\":{\"actions\":{\"rollover\":"
          + "{\"max_primary_shard_size\":\"50gb\"}}}}}}) or correct "
          + KEY;
    }
    return "The ISM policy '"
        + name
        + "' ("
        + KEY
        + ") does not exist on "
        + engine
        + "; create it with an ism_template that covers the sink's indices (PUT"
        + " _plugins/_ism/policies/"
        + name
        + " {\"policy\":{\"description\":\"…\",\"default_state\":\"hot\",\"states\":[…],"
        + "\"ism_template\":["
        + ismTemplate(patterns, mapper)
        + "]}}) or correct "
        + KEY;
  }

  /** Null when the ISM policy's ism_template covers every pattern, else what to add. */
  private String uncovered(
      EngineInfo engine, JsonNode answer, List<String> patterns, ObjectMapper mapper) {
    JsonNode policy = answer == null ? null : answer.path("policy");
    List<String> own = new ArrayList<>();
    JsonNode templates = policy == null ? null : policy.get("ism_template");
    if (templates != null && templates.isObject()) {
      addPatterns(templates, own);
    } else if (templates != null && templates.isArray()) {
      templates.forEach(t -> addPatterns(t, own));
    }
    List<String> missing =
        patterns.stream().filter(p -> own.stream().noneMatch(o -> covers(o, p))).toList();
    if (missing.isEmpty()) {
      return null;
    }
    String seqNo = answer == null ? "<seq_no>" : answer.path("_seq_no").asText("<seq_no>");
    String term =
        answer == null ? "<primary_term>" : answer.path("_primary_term").asText("<primary_term>");
    return "The ISM policy '"
        + name
        + "' ("
        + KEY
        + ") would not manage the sink's indices on "
        + engine
        + ": ISM attaches a policy to a new index only through the policy's ism_template, and its"
        + " index_patterns "
        + own
        + " do not cover "
        + missing
        + "; add "
        + ismTemplate(missing, mapper)
        + " to the policy's ism_template list (PUT _plugins/_ism/policies/"
        + name
        + "?if_seq_no="
        + seqNo
        + "&if_primary_term="
        + term
        + " with the whole policy). Indices made before that keep no policy: attach them with"
        + " POST _plugins/_ism/add/<index>";
  }

  private static void addPatterns(JsonNode template, List<String> into) {
    JsonNode p = template.path("index_patterns");
    if (p.isTextual()) {
      into.add(p.asText());
    } else {
      p.forEach(n -> into.add(n.asText()));
    }
  }

  private static String ismTemplate(List<String> patterns, ObjectMapper mapper) {
    ObjectNode t = mapper.createObjectNode();
    ArrayNode p = t.putArray("index_patterns");
    patterns.forEach(p::add);
    t.put("priority", 100);
    return t.toString();
  }

  /**
   * True when every index name {@code pattern} matches also matches the ISM pattern {@code ism}:
   * {@code ism}'s '*' matches any text, and {@code pattern} is read as text ('*' included), so
   * {@code tides*} covers {@code tides-*} and {@code tides}, {@code *} covers everything, {@code
   * tides-2025*} does not cover {@code tides-*}. An exclusion ({@code -pattern}) covers nothing.
   */
  static boolean covers(String ism, String pattern) {
    if (ism.startsWith("-")) {
      return false;
    }
    return glob(ism, 0, pattern, 0);
  }

  private static boolean glob(String g, int gi, String s, int si) {
    while (gi < g.length()) {
      char c = g.charAt(gi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (glob(g, gi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      gi++;
      si++;
    }
    return si == s.length();
  }
}
