package io.tidestream.pipeline.remap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The remap state document (index {@link EngineApi#STATE_INDEX}, id = the connector base name): the
 * switch under way or last done, from which connector and index to which, and both connectors'
 * configurations without their secrets (kept for rollback; the secrets are read back from the live
 * connector that has the same keys).
 */
public record RemapState(
    String base, String readAlias, Side from, Side to, String step, boolean rollback, Seed seed) {

  /**
   * The {@code _reindex} seed of the new version: asked for, the old indices already copied, the
   * engine task copying the next one, done.
   */
  public record Seed(boolean wanted, List<String> seeded, String task, boolean done) {
    public static final Seed NONE = new Seed(false, List.of(), null, false);

    public static Seed asked() {
      return new Seed(true, List.of(), null, false);
    }

    public boolean pending() {
      return wanted && !done;
    }

    /** The same seed with {@code task} copying the next index. */
    public Seed following(String t) {
      return new Seed(wanted, seeded, t, false);
    }

    /** The same seed with {@code index} copied. */
    public Seed copied(String index) {
      List<String> more = new java.util.ArrayList<>(seeded);
      more.add(index);
      return new Seed(wanted, List.copyOf(more), null, false);
    }

    public Seed finished() {
      return new Seed(wanted, seeded, null, true);
    }
  }

  public static final String STARTED = "started";
  public static final String FLIPPED = "flipped";
  public static final String DONE = "done";

  /**
   * One side of a switch. {@code config} has no secrets; {@code secretKeys} says which it lacks.
   */
  public record Side(
      String connector,
      String index,
      int version,
      Map<String, String> config,
      Set<String> secretKeys) {

    static Side of(String connector, String index, int version, Map<String, String> live) {
      return new Side(connector, index, version, Secrets.strip(live), Secrets.secretKeys(live));
    }

    /** The concrete indices of this side: one per topic when its index name has ${topic}. */
    public List<String> indices() {
      return Versions.indices(index, Versions.topicsOf(config));
    }
  }

  /**
   * Each old index with the new index of the same topic, in topic order.
   *
   * @throws io.tidestream.pipeline.LauncherException when the two sides name different numbers of
   *     indices (a connector's topics were changed during the switch)
   */
  public Map<String, String> indexPairs() {
    List<String> old = from.indices();
    List<String> next = to.indices();
    if (old.size() != next.size()) {
      throw new io.tidestream.pipeline.LauncherException(
          "The old and new versions name different indices ("
              + old
              + ", "
              + next
              + "); abandon this remap with --rollback and run it again");
    }
    Map<String, String> pairs = new java.util.LinkedHashMap<>();
    for (int i = 0; i < old.size(); i++) {
      pairs.put(old.get(i), next.get(i));
    }
    return pairs;
  }

  public RemapState withStep(String s) {
    return new RemapState(base, readAlias, from, to, s, rollback, seed);
  }

  public RemapState withSeed(Seed s) {
    return new RemapState(base, readAlias, from, to, step, rollback, s);
  }

  /** The same two sides the other way round: a rollback. */
  public RemapState reversed() {
    return new RemapState(base, readAlias, to, from, STARTED, true, Seed.NONE);
  }

  public boolean done() {
    return DONE.equals(step);
  }

  public ObjectNode toJson() {
    ObjectNode n = JsonHttp.MAPPER.createObjectNode();
    n.put("base", base);
    n.put("readAlias", readAlias);
    n.set("from", side(from));
    n.set("to", side(to));
    n.put("step", step);
    n.put("rollback", rollback);
    ObjectNode seeding = n.putObject("seed");
    seeding.put("wanted", seed.wanted());
    ArrayNode seeded = seeding.putArray("seeded");
    seed.seeded().forEach(seeded::add);
    seeding.put("task", seed.task());
    seeding.put("done", seed.done());
    n.put("updated", Instant.now().toString());
    return n;
  }

  public static RemapState fromJson(JsonNode n) {
    return new RemapState(
        n.path("base").asText(),
        n.path("readAlias").asText(),
        side(n.path("from")),
        side(n.path("to")),
        n.path("step").asText(),
        n.path("rollback").asBoolean(false),
        new Seed(
            n.path("seed").path("wanted").asBoolean(false),
            seeded(n.path("seed").path("seeded")),
            n.path("seed").path("task").isTextual() ? n.path("seed").path("task").asText() : null,
            n.path("seed").path("done").asBoolean(false)));
  }

  private static List<String> seeded(JsonNode list) {
    List<String> out = new java.util.ArrayList<>();
    list.forEach(i -> out.add(i.asText()));
    return List.copyOf(out);
  }

  private static ObjectNode side(Side s) {
    ObjectNode n = JsonHttp.MAPPER.createObjectNode();
    n.put("connector", s.connector());
    n.put("index", s.index());
    n.put("version", s.version());
    // the configuration as one JSON text: the state index maps nothing (dynamic: false)
    ObjectNode config = JsonHttp.MAPPER.createObjectNode();
    s.config().forEach(config::put);
    n.put("config", config.toString());
    ArrayNode keys = n.putArray("secretKeys");
    s.secretKeys().forEach(keys::add);
    return n;
  }

  private static Side side(JsonNode n) {
    Map<String, String> config = new TreeMap<>();
    try {
      JsonHttp.MAPPER
          .readTree(n.path("config").asText("{}"))
          .properties()
          .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("The remap state document holds a broken configuration", e);
    }
    Set<String> keys = new TreeSet<>();
    n.path("secretKeys").forEach(k -> keys.add(k.asText()));
    return new Side(
        n.path("connector").asText(),
        n.path("index").asText(),
        n.path("version").asInt(),
        config,
        keys);
  }
}
