package io.tidestream.pipeline.remap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.JsonHttp;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Checks a new template against the engine and the existing documents before anything starts:
 * {@code _simulate} gives the settings and mappings an index would get, a throw-away index gets
 * them, and a random sample of the old version's documents is bulk-indexed into it. The first
 * document the engine refuses is the reason to refuse the template. The throw-away index is deleted
 * in every case.
 */
public final class TemplateCheck {

  static final int SAMPLE = 500;

  private TemplateCheck() {}

  /**
   * The template's settings and mappings in the composable form {@code _simulate} takes, for an
   * index named {@code probe}. The file may hold a composable template ({@code template} with
   * settings/mappings), a legacy one or just settings/mappings, as the sink's {@code
   * mapping.template.inline} does.
   *
   * @throws LauncherException when it is not a JSON object with settings or mappings
   */
  public static ObjectNode simulateBody(String templateJson, String probe) {
    JsonNode root;
    try {
      root = JsonHttp.MAPPER.readTree(templateJson);
    } catch (JsonProcessingException e) {
      throw new LauncherException(
          "The --template file is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new LauncherException(
          "The --template file must hold a JSON object with \"mappings\" (and optionally"
              + " \"settings\"), as mapping.template.inline takes");
    }
    JsonNode source = root.path("template").isObject() ? root.path("template") : root;
    JsonNode mappings = source.path("mappings");
    if (mappings.has("_doc") && mappings.size() == 1) {
      mappings = mappings.path("_doc");
    }
    if (!mappings.isObject() && !source.path("settings").isObject()) {
      throw new LauncherException(
          "The --template file has neither \"mappings\" nor \"settings\"; give the mapping the new"
              + " index version should have");
    }
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    body.putArray("index_patterns").add(probe);
    body.put("priority", 999_999);
    ObjectNode template = body.putObject("template");
    if (source.path("settings").isObject()) {
      template.set("settings", source.path("settings").deepCopy());
    }
    if (mappings.isObject()) {
      template.set("mappings", mappings.deepCopy());
    }
    return body;
  }

  /** The first item a bulk answer refused, as {@code document <id>: <type>: <reason>}. */
  public static Optional<String> firstRejection(JsonNode bulkAnswer) {
    if (!bulkAnswer.path("errors").asBoolean(false)) {
      return Optional.empty();
    }
    for (JsonNode item : bulkAnswer.path("items")) {
      JsonNode op = item.path("index");
      JsonNode error = op.path("error");
      if (error.isObject()) {
        JsonNode cause = error.path("caused_by").isObject() ? error.path("caused_by") : null;
        return Optional.of(
            "document "
                + op.path("_id").asText()
                + ": "
                + error.path("type").asText()
                + ": "
                + error.path("reason").asText()
                + (cause == null
                    ? ""
                    : " ("
                        + cause.path("type").asText()
                        + ": "
                        + cause.path("reason").asText()
                        + ")"));
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the check against {@code oldIndex}'s documents.
   *
   * @throws LauncherException naming the first rejected document and the engine's reason
   */
  public static void run(
      EngineApi engine, String oldIndex, String templateJson, String probe, PrintStream out) {
    JsonNode simulated = engine.simulate(simulateBody(templateJson, probe));
    ObjectNode index = JsonHttp.MAPPER.createObjectNode();
    ObjectNode settings = index.putObject("settings");
    simulated
        .path("settings")
        .path("index")
        .properties()
        .forEach(
            e -> {
              settings.set(e.getKey(), e.getValue());
            });
    settings.put("number_of_replicas", "0");
    if (simulated.path("mappings").isObject()) {
      index.set("mappings", simulated.path("mappings"));
    }
    engine.deleteIndex(probe);
    try {
      engine.createIndex(probe, index);
      JsonNode docs = engine.sample(oldIndex, SAMPLE, true);
      StringBuilder ndjson = new StringBuilder();
      for (JsonNode d : docs) {
        ObjectNode action = JsonHttp.MAPPER.createObjectNode();
        action.putObject("index").put("_index", probe).put("_id", d.path("_id").asText());
        ndjson.append(action).append('\n').append(d.path("_source")).append('\n');
      }
      if (!docs.isEmpty()) {
        Optional<String> rejected = firstRejection(engine.bulk(ndjson.toString()));
        if (rejected.isPresent()) {
          throw new LauncherException(
              "The new template would reject documents that "
                  + oldIndex
                  + " holds: "
                  + rejected.get()
                  + "; change the --template file so existing documents fit it");
        }
      }
      out.println(
          "Template checked: the engine accepts it and indexes "
              + docs.size()
              + " sampled documents of "
              + oldIndex
              + " with it.");
    } finally {
      engine.deleteIndex(probe);
    }
  }
}
