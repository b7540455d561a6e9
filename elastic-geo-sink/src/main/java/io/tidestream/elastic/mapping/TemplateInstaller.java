package io.tidestream.elastic.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.elastic.client.EngineException;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.retry.EngineError;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.io.IOException;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs (creates or replaces) the index template at start, with the API the engine has, and
 * optionally bootstraps a write alias {@code <name>} → {@code <name>-000001}.
 */
public final class TemplateInstaller {

  private static final Logger log = LoggerFactory.getLogger(TemplateInstaller.class);

  private final ObjectMapper mapper;
  private final LifecyclePolicy policy;

  public TemplateInstaller(ObjectMapper mapper) {
    this(mapper, null);
  }

  /**
   * @param policy {@code mapping.lifecycle.policy}, or null
   */
  public TemplateInstaller(ObjectMapper mapper, LifecyclePolicy policy) {
    this.mapper = mapper;
    this.policy = policy;
  }

  /** The template as it goes to {@code engine}: with the lifecycle setting where it has one. */
  private TemplateBody forEngine(TemplateBody body, EngineInfo engine) {
    return policy == null ? body : policy.applyTo(body, engine);
  }

  /**
   * Checks {@code mapping.lifecycle.policy} on the engine: the template does not name another
   * policy, the policy exists, and on OpenSearch its ism_template covers {@code patterns}.
   *
   * @return null when no policy is set or all is well; else the problem and its fix, for {@link
   *     LifecyclePolicy#KEY}
   * @throws IOException when the engine cannot be reached or is busy (429/5xx)
   */
  public String lifecycleProblem(
      RestClient client, EngineInfo engine, TemplateBody body, List<String> patterns)
      throws IOException {
    if (policy == null) {
      return null;
    }
    String conflict = policy.conflict(body);
    if (conflict != null) {
      return conflict;
    }
    Response response;
    try {
      response = client.performRequest(new Request("GET", policy.lookupPath(engine)));
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (ResponseClassifier.busy(status)) {
        throw new IOException("the engine answers HTTP " + status, e);
      }
      EngineError error = EngineError.ofBody(mapper.getFactory(), safeBody(e.getResponse()));
      return policy.judge(engine, status, error, null, patterns, mapper);
    }
    JsonNode answer;
    try {
      answer = mapper.readTree(safeBody(response));
    } catch (JsonProcessingException e) {
      answer = null;
    }
    int status = response.getStatusLine().getStatusCode();
    return policy.judge(engine, status, null, answer, patterns, mapper);
  }

  /** The request that installs {@code body} on {@code engine}; visible for tests. */
  public Request templateRequest(
      EngineInfo engine, String name, TemplateBody body, List<String> patterns, int priority) {
    Request request;
    String json;
    body = forEngine(body, engine);
    if (engine.supportsComposableTemplates()) {
      request = new Request("PUT", "/_index_template/" + name);
      json = body.composable(mapper, patterns, priority).toString();
    } else if (body.dataStream()) {
      throw new IllegalStateException(
          "data.stream.enabled=true needs Elasticsearch 7.9+ or OpenSearch; this engine only has"
              + " legacy templates: set data.stream.enabled=false");
    } else {
      request = new Request("PUT", "/_template/" + name);
      json = body.legacy(mapper, patterns, priority).toString();
    }
    request.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
    return request;
  }

  /**
   * Asks the engine to validate the template without installing it ({@code POST
   * _index_template/_simulate/<name>}, Elasticsearch 7.9+ and OpenSearch). The simulated body
   * stands in for the template of that name, so a connector that installed it before (a restart, a
   * config change, a replay under a new connector name) does not clash with its own earlier
   * template's patterns.
   *
   * @return null when the engine accepts it (or cannot simulate), else its error, e.g.
   *     "mapper_parsing_exception: No handler for type [geopoint] declared on field [location]"
   * @throws IOException when the engine cannot be reached
   */
  public String simulate(
      RestClient client,
      EngineInfo engine,
      String name,
      TemplateBody body,
      List<String> patterns,
      int priority)
      throws IOException {
    if (!engine.supportsComposableTemplates()
        || (engine.distribution() == EngineInfo.Distribution.ELASTICSEARCH
            && engine.major() == 7
            && engine.minor() < 9)) {
      return null;
    }
    Request request = new Request("POST", "/_index_template/_simulate/" + name);
    ObjectNode simulated = forEngine(body, engine).composable(mapper, patterns, priority);
    // Only the mapping and settings are checked; Elasticsearch 7.17 without x-pack's data streams
    // refuses the data_stream block here ("unknown field [data_stream]").
    simulated.remove("data_stream");
    request.setEntity(new StringEntity(simulated.toString(), ContentType.APPLICATION_JSON));
    try {
      client.performRequest(request);
      return null;
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status == 400) {
        String detail = describe(safeBody(e.getResponse()));
        return "The engine rejects this template: " + (detail == null ? "HTTP 400" : detail);
      }
      if (status == 403) {
        return "The user may not manage index templates (HTTP 403); grant manage_index_templates or"
            + " set mapping.template.mode=none and install the template yourself";
      }
      return null; // cannot simulate here; the template is checked again when the task installs it
    }
  }

  /**
   * @throws EngineException when the engine rejects the template (the message carries the engine's
   *     error type and reason, which name the bad mapping field)
   * @throws IOException when the engine cannot be reached
   */
  public void install(
      RestClient client,
      EngineInfo engine,
      String name,
      TemplateBody body,
      List<String> patterns,
      int priority)
      throws IOException {
    Request request = templateRequest(engine, name, body, patterns, priority);
    try {
      client.performRequest(request);
      if (policy == null) {
        log.info("Installed index template '{}' for {} on {}", name, patterns, engine);
      } else {
        log.info(
            "Installed index template '{}' for {} on {}, lifecycle policy '{}'",
            name,
            patterns,
            engine,
            policy.name());
      }
    } catch (ResponseException e) {
      throw rejected(
          "index template '" + name + "'",
          e.getResponse(),
          "fix mapping.template.file / mapping.template.inline / mapping.index.settings");
    }
  }

  /**
   * Creates {@code <alias>-000001} with {@code alias} as its write alias, unless the name exists.
   */
  public void bootstrapWriteAlias(RestClient client, String alias) throws IOException {
    try {
      // The REST client does not treat 404 as an error for HEAD requests.
      Response head = client.performRequest(new Request("HEAD", "/" + alias));
      if (head.getStatusLine().getStatusCode() != 404) {
        return; // an index or alias of that name exists
      }
    } catch (ResponseException e) {
      if (e.getResponse().getStatusLine().getStatusCode() != 404) {
        throw rejected(
            "looking up '" + alias + "'", e.getResponse(), "check the user's index privileges");
      }
    }
    Request create = new Request("PUT", "/" + alias + "-000001");
    create.setEntity(
        new StringEntity(
            "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}",
            ContentType.APPLICATION_JSON));
    try {
      client.performRequest(create);
      log.info("Created index '{}-000001' with write alias '{}'", alias, alias);
    } catch (ResponseException e) {
      String body = safeBody(e.getResponse());
      if (body.contains("resource_already_exists_exception")) {
        return; // another task got there first
      }
      throw rejected(
          "creating '" + alias + "-000001'",
          e.getResponse(),
          "check the user's create_index privilege");
    }
  }

  private EngineException rejected(String what, Response response, String fix) {
    int status = response.getStatusLine().getStatusCode();
    String described = describe(safeBody(response));
    String detail = described == null ? "" : ": " + described;
    if (status == 401) {
      return new EngineException(
          status,
          "Authentication failed while "
              + what
              + ": check connection.username and connection.password, or connection.api.key");
    }
    return new EngineException(
        status, "The engine rejected " + what + " with HTTP " + status + detail + "; " + fix);
  }

  /** The engine's innermost error, or null when the body is not an error object. */
  private String describe(String body) {
    EngineError error = EngineError.ofBody(mapper.getFactory(), body);
    return error == null ? null : error.innermost();
  }

  private static String safeBody(Response response) {
    try {
      return response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
    } catch (IOException e) {
      return "";
    }
  }
}
