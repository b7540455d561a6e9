package io.tidestream.pipeline.remap;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./pipeline remap}: switches readers of a sink connector's read alias to a new index
 * version with a new mapping, filled by a second connector replaying the topics, and back ({@code
 * --rollback}). It talks to the Connect REST API and the engine's REST API only. The steps are
 * chosen by {@link SwitchPlan} from what is observed, so a rerun after Ctrl-C or a crash goes on
 * where the last run stopped.
 */
public final class Remap {

  /**
   * How the operation waits; the defaults suit workers with {@code offset.flush.interval.ms=5000}.
   */
  public record Timing(Duration poll, Duration settle, Duration timeout) {
    public static Timing defaults() {
      return new Timing(Duration.ofSeconds(3), Duration.ofSeconds(12), Duration.ofMinutes(60));
    }
  }

  static final int SAMPLE_IDS = 200;

  /** Records the new connector may lag behind an idle old one when the old one is paused. */
  static final long CLOSE_ENOUGH_FLOOR = 100;

  private final ConnectRestClient connect;
  private final EngineApi engine;
  private final PrintStream out;
  private final Timing timing;

  public Remap(ConnectRestClient connect, EngineApi engine, PrintStream out, Timing timing) {
    this.connect = connect;
    this.engine = engine;
    this.out = out;
    this.timing = timing;
  }

  /**
   * Remaps {@code connector}'s index to a new version with {@code templateJson}; with {@code seed},
   * the new version is first filled from the old one with {@code _reindex} (for what the topics no
   * longer hold).
   */
  public void remap(String connector, String templateJson, boolean seed) {
    String base = Versions.parse(connector).base();
    Optional<RemapState> state = engine.state(base).map(RemapState::fromJson);
    if (state.isPresent() && !state.get().done()) {
      out.println(
          "An earlier remap of "
              + state.get().from().connector()
              + " to "
              + state.get().to().connector()
              + " did not finish; going on with it"
              + (state.get().rollback() ? " (it is a rollback)" : "")
              + " (the --template given now is not used).");
      run(state.get());
      printDone(state.get());
      return;
    }
    String current = connector;
    Map<String, String> live = connect.config(current);
    if (live == null && state.isPresent() && connect.config(state.get().to().connector()) != null) {
      current = state.get().to().connector();
      out.println("Connector " + connector + " is now " + current + " (the last remap).");
      live = connect.config(current);
    }
    if (live == null) {
      throw new LauncherException(
          "There is no connector '"
              + connector
              + "' on "
              + "the Connect cluster; name the sink connector with --connector (see GET"
              + " /connectors)");
    }
    Versions.Layout from = layout(current, live);
    int version = nextVersion(from);
    String toConnector = from.connectorName().at(version);
    String toIndex = from.indexName().at(version);
    TemplateCheck.run(
        engine,
        String.join(",", existing(from.indices())),
        templateJson,
        "remap-probe-" + base,
        out);
    Map<String, String> toConfig = Versions.nextConfig(from, live, version, templateJson);
    RemapState fresh =
        new RemapState(
            base,
            from.readAlias(),
            RemapState.Side.of(current, from.index(), from.version(), live),
            RemapState.Side.of(toConnector, toIndex, version, toConfig),
            RemapState.STARTED,
            false,
            seed ? RemapState.Seed.asked() : RemapState.Seed.NONE);
    engine.putState(base, fresh.toJson());
    out.println(
        "Remapping "
            + from.readAlias()
            + ": "
            + from.index()
            + " ("
            + current
            + ") -> "
            + toIndex
            + " ("
            + toConnector
            + ").");
    run(fresh);
    printDone(fresh);
  }

  private void printDone(RemapState s) {
    out.println(
        "Done: "
            + s.readAlias()
            + " reads "
            + s.to().index()
            + ", written by "
            + s.to().connector()
            + ". "
            + s.from().index()
            + " is kept: ./pipeline remap --rollback switches back; --drop-old --yes deletes it.");
  }

  /** Switches back to the version the last remap left. */
  public void rollback(String connector) {
    String base = Versions.parse(connector).base();
    RemapState state =
        engine
            .state(base)
            .map(RemapState::fromJson)
            .orElseThrow(
                () ->
                    new LauncherException(
                        "There is no remap of "
                            + base
                            + " to roll back (no document "
                            + base
                            + " in "
                            + EngineApi.STATE_INDEX
                            + "); was it dropped with --drop-old?"));
    if (!state.done() && state.rollback()) {
      out.println(
          "The rollback from "
              + state.from().connector()
              + " to "
              + state.to().connector()
              + " did not finish; going on with it.");
      run(state);
      printDone(state);
      return;
    }
    if (!state.done()) {
      if (intersects(engine.aliasIndices(state.readAlias()), state.from().indices())) {
        abandon(state);
        return;
      }
      out.println(
          "The switch from "
              + state.from().connector()
              + " to "
              + state.to().connector()
              + " flipped the alias but did not finish; finishing it before the rollback.");
      run(state);
      state = state.withStep(RemapState.DONE);
    }
    RemapState back = state.reversed();
    engine.putState(base, back.toJson());
    out.println(
        "Rolling back "
            + back.readAlias()
            + ": "
            + back.from().index()
            + " ("
            + back.from().connector()
            + ") -> "
            + back.to().index()
            + " ("
            + back.to().connector()
            + ").");
    run(back);
    printDone(back);
  }

  /**
   * A rollback before the flip: the readers never left {@code from}, so the switch is abandoned:
   * {@code to} is deleted, {@code from} resumed, the state document removed.
   */
  private void abandon(RemapState s) {
    out.println(
        "The switch from "
            + s.from().connector()
            + " to "
            + s.to().connector()
            + " did not flip the alias; abandoning it.");
    boolean existed = connect.status(s.to().connector()) != null;
    if (existed) {
      // its consumer group's offsets go too: a later remap may use the same name again
      connect.stop(s.to().connector());
      awaitState(s.to().connector(), "STOPPED");
      connect.resetOffsets(s.to().connector());
      connect.delete(s.to().connector());
      awaitGone(s.to().connector());
    }
    JsonNode status = connect.status(s.from().connector());
    if (status != null && "PAUSED".equals(status.path("connector").path("state").asText())) {
      connect.resume(s.from().connector());
    }
    engine.deleteState(s.base());
    out.println(
        "Done: "
            + (existed ? "deleted " + s.to().connector() + " and reset its offsets; " : "")
            + s.readAlias()
            + " still reads "
            + s.from().index()
            + ", written by "
            + s.from().connector()
            + ". "
            + String.join(",", s.to().indices())
            + " may be partly filled: delete "
            + (s.to().indices().size() > 1 ? "them" : "it")
            + " with DELETE /"
            + String.join(",", s.to().indices())
            + "?ignore_unavailable=true (the next remap then uses the "
            + (s.to().indices().size() > 1 ? "names" : "name")
            + " again).");
  }

  /** Deletes the version readers no longer see, its template and the state document. */
  public void dropOld(String connector, boolean yes) {
    String base = Versions.parse(connector).base();
    RemapState state =
        engine
            .state(base)
            .map(RemapState::fromJson)
            .orElseThrow(() -> new LauncherException("There is no remap of " + base + " to drop."));
    if (!state.done()) {
      throw new LauncherException(
          "The switch to "
              + state.to().connector()
              + " did not finish: run ./pipeline remap again to finish it, then --drop-old");
    }
    RemapState.Side old = state.from();
    if (intersects(engine.aliasIndices(state.readAlias()), old.indices())) {
      throw new LauncherException(
          "The read alias "
              + state.readAlias()
              + " still points at "
              + old.index()
              + "; not dropped");
    }
    if (connect.config(old.connector()) != null) {
      throw new LauncherException(
          "Connector " + old.connector() + " still exists; delete it first, then --drop-old");
    }
    String template = old.config().getOrDefault("mapping.template.name", "");
    boolean ownTemplate =
        !"none".equals(old.config().getOrDefault("mapping.template.mode", "builtin"))
            && !template.isEmpty()
            && !template.equals(state.to().config().get("mapping.template.name"));
    if (!yes) {
      throw new LauncherException(
          "--drop-old deletes the index "
              + old.index()
              + (ownTemplate ? " and the index template " + template : "")
              + " for good, and with them the way back (--rollback); add --yes to do it");
    }
    for (String index : old.indices()) {
      engine.deleteIndex(index);
    }
    if (ownTemplate) {
      engine.deleteTemplate(template);
    }
    engine.deleteState(base);
    out.println(
        "Deleted "
            + old.index()
            + (ownTemplate ? " and the index template " + template : "")
            + "; "
            + state.readAlias()
            + " reads "
            + state.to().index()
            + ".");
  }

  private Versions.Layout layout(String connector, Map<String, String> config) {
    Versions.Result r = Versions.layout(connector, config);
    if (r.problem().isPresent()) {
      throw new LauncherException(r.problem().get());
    }
    Versions.Layout l = r.layout().orElseThrow();
    if (engine.indexExists(l.readAlias())) {
      throw new LauncherException(
          "'"
              + l.readAlias()
              + "' (mapping.read.alias of "
              + connector
              + ") is an index, not an alias: readers cannot be switched. Reindex it into an index"
              + " of another name and make '"
              + l.readAlias()
              + "' an alias of that index (docs/remap.md)");
    }
    List<String> present = existing(l.indices());
    if (present.isEmpty()) {
      throw new LauncherException(
          "The index "
              + String.join(",", l.indices())
              + " that "
              + connector
              + " writes does not exist yet; nothing"
              + " to remap (a new template applies to it when it is created)");
    }
    List<String> behind = engine.aliasIndices(l.readAlias());
    if (!Set.copyOf(behind).equals(Set.copyOf(present))) {
      throw new LauncherException(
          "The read alias "
              + l.readAlias()
              + " points at "
              + (behind.isEmpty() ? "no index" : behind)
              + ", not at exactly "
              + present
              + " (what "
              + connector
              + " writes); point it at the indices readers should see: POST /_aliases"
              + " {\"actions\":["
              + String.join(
                  ",",
                  present.stream()
                      .map(
                          i ->
                              "{\"add\":{\"index\":\""
                                  + i
                                  + "\",\"alias\":\""
                                  + l.readAlias()
                                  + "\"}}")
                      .toList())
              + "]}, then run again");
    }
    return l;
  }

  /** The indices among {@code indices} that exist (a topic without records has none yet). */
  private List<String> existing(List<String> indices) {
    return indices.stream().filter(engine::indexExists).toList();
  }

  private static boolean intersects(List<String> a, List<String> b) {
    return a.stream().anyMatch(b::contains);
  }

  /** The next version whose index and connector names are both free. */
  private int nextVersion(Versions.Layout from) {
    int v = from.version() + 1;
    while (from.indicesAt(v).stream().anyMatch(engine::indexExists)
        || connect.config(from.connectorName().at(v)) != null) {
      v++;
    }
    return v;
  }

  // ---------------------------------------------------------------------------------------------
  // The switch
  // ---------------------------------------------------------------------------------------------

  private volatile String pausedByUs;

  /** Runs (or goes on with) the switch of {@code s}, step by step as {@link SwitchPlan} says. */
  void run(RemapState switching) {
    RemapState s = switching;
    Thread resumeOnExit =
        new Thread(
            () -> {
              String paused = pausedByUs;
              if (paused != null) {
                try {
                  connect.resume(paused);
                  out.println("Interrupted: resumed " + paused + "; run the same command again.");
                } catch (RuntimeException e) {
                  out.println("Interrupted: " + paused + " stays paused; run the command again.");
                }
              }
            });
    Runtime.getRuntime().addShutdownHook(resumeOnExit);
    try {
      boolean verified = false;
      while (true) {
        SwitchPlan.Observed seen = observe(s, verified);
        SwitchPlan.Next next = SwitchPlan.next(seen);
        switch (next.step()) {
          case CREATE_TO -> {
            out.println(
                "Starting "
                    + s.to().connector()
                    + " (replays the topics into "
                    + s.to().index()
                    + ").");
            connect.putConnector(s.to().connector(), Versions.withoutReadAlias(toConfig(s)));
          }
          case RESUME_FROM -> {
            out.println("Resuming " + s.from().connector() + ", paused by an earlier run.");
            connect.resume(s.from().connector());
          }
          case SEED -> s = seed(s);
          case CATCH_UP_AND_VERIFY -> {
            s = catchUpAndVerify(s);
            verified = true;
          }
          case FLIP -> {
            List<String> behind = engine.aliasIndices(s.readAlias());
            List<String> target = existing(s.to().indices());
            engine.aliases(AliasActions.flip(s.readAlias(), behind, target));
            pausedByUs = null; // from stays paused: it is deleted next
            engine.putState(s.base(), s.withStep(RemapState.FLIPPED).toJson());
            out.println(
                "Switched "
                    + s.readAlias()
                    + " from "
                    + behind
                    + " to "
                    + target
                    + " in one _aliases request.");
          }
          case ATTACH_ALIAS -> {
            Map<String, String> live = connect.config(s.to().connector());
            connect.putConnector(s.to().connector(), Versions.withReadAlias(live, s.readAlias()));
            out.println(
                "Gave "
                    + s.to().connector()
                    + " mapping.read.alias="
                    + s.readAlias()
                    + " (indices its template creates join the alias).");
          }
          case DELETE_FROM -> {
            connect.delete(s.from().connector());
            awaitGone(s.from().connector());
            out.println(
                "Deleted connector "
                    + s.from().connector()
                    + " (its index "
                    + s.from().index()
                    + " stays).");
          }
          case DONE -> {
            engine.putState(s.base(), s.withStep(RemapState.DONE).toJson());
            return;
          }
          case REFUSE ->
              throw new Refused(
                  "Cannot go on switching "
                      + s.readAlias()
                      + " from "
                      + s.from().index()
                      + " to "
                      + s.to().index()
                      + ": "
                      + next.reason());
          default -> throw new IllegalStateException(next.step().name());
        }
      }
    } catch (Refused e) {
      throw e;
    } catch (LauncherException e) {
      throw new LauncherException(
          e.getMessage() + " (the remap's state is kept: run the same command again to go on)", e);
    } finally {
      String paused = pausedByUs;
      if (paused != null) {
        connect.resume(paused);
        pausedByUs = null;
        out.println("Resumed " + paused + ": the switch did not complete.");
      }
      try {
        Runtime.getRuntime().removeShutdownHook(resumeOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs or ran
      }
    }
  }

  /** A step {@link SwitchPlan} refuses: its message says what to fix, not to run again. */
  private static final class Refused extends LauncherException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** {@code to}'s configuration with its secrets read back from a live connector. */
  private Map<String, String> toConfig(RemapState s) {
    Set<String> keys = s.to().secretKeys();
    if (keys.isEmpty()) {
      return s.to().config();
    }
    Map<String, String> live = connect.config(s.from().connector());
    Map<String, String> restored =
        Secrets.restore(s.to().config(), keys, live == null ? Map.of() : live);
    List<String> lacking = keys.stream().filter(k -> !restored.containsKey(k)).toList();
    if (!lacking.isEmpty()) {
      throw new LauncherException(
          "Cannot recreate "
              + s.to().connector()
              + ": the remap state keeps no secrets and "
              + s.from().connector()
              + " has no "
              + lacking
              + " to copy them from; create "
              + s.to().connector()
              + " by hand (docs/remap.md)");
    }
    return restored;
  }

  private SwitchPlan.Observed observe(RemapState s, boolean verified) {
    List<String> behind = engine.aliasIndices(s.readAlias());
    SwitchPlan.AliasAt at;
    boolean hasFrom = intersects(behind, s.from().indices());
    boolean hasTo = intersects(behind, s.to().indices());
    if (hasFrom && hasTo) {
      at = SwitchPlan.AliasAt.BOTH;
    } else if (hasFrom) {
      at = SwitchPlan.AliasAt.FROM;
    } else if (hasTo) {
      at = SwitchPlan.AliasAt.TO;
    } else {
      at = behind.isEmpty() ? SwitchPlan.AliasAt.NONE : SwitchPlan.AliasAt.ELSEWHERE;
    }
    JsonNode fromStatus = connect.status(s.from().connector());
    Map<String, String> toLive = connect.config(s.to().connector());
    return new SwitchPlan.Observed(
        at,
        fromStatus != null,
        fromStatus != null && "PAUSED".equals(fromStatus.path("connector").path("state").asText()),
        toLive != null,
        toLive != null && s.readAlias().equals(toLive.get("mapping.read.alias")),
        s.seed().pending(),
        verified);
  }

  /**
   * Copies what the old version holds and the new one lacks, index by index (one per topic), each
   * with one server-side {@code _reindex} task whose id is kept in the state, so a rerun follows
   * the same task and skips the indices already copied; with progress.
   */
  private RemapState seed(RemapState s) {
    Map<String, String> pairs = s.indexPairs();
    awaitRunning(s.to().connector());
    // the indices must get the new connector's template, which it installs when it connects
    String template = s.to().config().get("mapping.template.name");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (existing(List.copyOf(pairs.values())).isEmpty() && !engine.templateExists(template)) {
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            s.to().connector()
                + " has not installed its index template "
                + template
                + " within 2 minutes; see GET /connectors/"
                + s.to().connector()
                + "/status");
      }
      sleep(timing.poll());
    }
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      String from = pair.getKey();
      if (s.seed().seeded().contains(from) || !engine.indexExists(from)) {
        continue;
      }
      s = seedOne(s, from, pair.getValue());
      s = s.withSeed(s.seed().copied(from));
      engine.putState(s.base(), s.toJson());
    }
    s = s.withSeed(s.seed().finished());
    engine.putState(s.base(), s.toJson());
    return s;
  }

  /** Copies {@code from} into {@code to}: one {@code _reindex} task, or the copy from here. */
  private RemapState seedOne(RemapState s, String from, String to) {
    engine.createIndexIfMissing(to);
    String task = s.seed().task();
    if (task == null || engine.task(task) == null) {
      Optional<String> started = engine.startReindex(from, to);
      if (started.isEmpty()) {
        out.println(
            "The engine has no _reindex (e.g. a distribution without the reindex module);"
                + " copying "
                + from
                + " into "
                + to
                + " from here instead (scroll, bulk create).");
        copy(from, to, s.to().connector());
        return s;
      }
      task = started.get();
      s = s.withSeed(s.seed().following(task));
      engine.putState(s.base(), s.toJson());
      out.println("Seeding " + to + " from " + from + " with _reindex (task " + task + ").");
    } else {
      out.println("Following the _reindex task " + task + " an earlier run started.");
    }
    Instant printed = Instant.EPOCH;
    long before = -1;
    Instant beforeAt = null;
    while (true) {
      JsonNode t = engine.task(task);
      if (t == null) {
        throw new LauncherException(
            "The engine lost the _reindex task " + task + "; run remap again to start it anew");
      }
      JsonNode status = t.path("task").path("status");
      long total = status.path("total").asLong();
      long copied = status.path("created").asLong() + status.path("version_conflicts").asLong();
      if (t.path("completed").asBoolean(false)) {
        JsonNode failures = t.path("response").path("failures");
        if (t.has("error") || (failures.isArray() && !failures.isEmpty())) {
          JsonNode first = t.has("error") ? t.path("error") : failures.path(0);
          throw new LauncherException(
              "The _reindex from "
                  + from
                  + " to "
                  + to
                  + " failed: "
                  + first
                  + "; fix the cause, then abandon this remap with --rollback and run it again");
        }
        out.printf(
            "  Seeded %s: %,d documents copied, %,d already written by %s.%n",
            to,
            status.path("created").asLong(),
            status.path("version_conflicts").asLong(),
            s.to().connector());
        return s;
      }
      Instant now = Instant.now();
      if (Duration.between(printed, now).compareTo(Duration.ofSeconds(5)) >= 0) {
        Optional<Duration> eta =
            before < 0
                ? Optional.empty()
                : CatchUp.eta(
                    new CatchUp.Lag(before, total - before, false),
                    new CatchUp.Lag(copied, total - copied, false),
                    Duration.between(beforeAt, now));
        out.printf(
            "  Seeding %s: %,d of %,d documents of %s, ETA %s%n",
            to, copied, total, from, CatchUp.format(eta));
        printed = now;
        before = copied;
        beforeAt = now;
      }
      sleep(timing.poll());
    }
  }

  /** The seed without {@code _reindex}: pages of the old version created in the new one. */
  private void copy(String from, String to, String connector) {
    JsonNode page = engine.scrollStart(from, 1000);
    String scroll = page.path("_scroll_id").asText();
    long total = page.path("hits").path("total").path("value").asLong();
    long created = 0;
    long existing = 0;
    Instant printed = Instant.now();
    try {
      while (!page.path("hits").path("hits").isEmpty()) {
        SeedCopy.Tally t =
            SeedCopy.tally(engine.bulkNoRefresh(SeedCopy.body(page.path("hits").path("hits"), to)));
        if (t.failure().isPresent()) {
          throw new LauncherException(
              "Copying "
                  + from
                  + " into "
                  + to
                  + " failed: "
                  + t.failure().get()
                  + "; fix the cause, then abandon this remap with --rollback and run it again");
        }
        created += t.created();
        existing += t.existing();
        if (Duration.between(printed, Instant.now()).compareTo(Duration.ofSeconds(5)) >= 0) {
          out.printf(
              "  Seeding %s: %,d of %,d documents of %s%n", to, created + existing, total, from);
          printed = Instant.now();
        }
        page = engine.scrollNext(scroll);
        scroll = page.path("_scroll_id").asText(scroll);
      }
    } finally {
      engine.clearScroll(scroll);
    }
    engine.count(to); // a refresh
    out.printf(
        "  Seeded %s: %,d documents copied, %,d already written by %s.%n",
        to, created, existing, connector);
  }

  /**
   * Waits for {@code to} to catch up, pauses {@code from}, waits for {@code to} to pass its last
   * offsets, then checks that the new version holds every document of the old (count, and sampled
   * ids index by index). Documents still missing then are ones the topics no longer hold
   * (retention): they are copied from the old version ({@link #seed}) and the check runs again.
   */
  private RemapState catchUpAndVerify(RemapState switching) {
    RemapState s = switching;
    String from = s.from().connector();
    String to = s.to().connector();
    awaitRunning(to);
    out.println("Waiting for " + to + " to catch up with " + from + " ...");
    awaitCaughtUp(to, from, false);
    connect.pause(from);
    pausedByUs = from;
    awaitPaused(from);
    out.println("Paused " + from + " (the source keeps running); waiting for its last offsets.");
    Map<String, String> pairs = s.indexPairs();
    Map<String, Long> last = settled(from, String.join(",", existing(s.from().indices())));
    awaitCaughtUp(to, from, true);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      List<String> oldOnes = existing(s.from().indices());
      List<String> newOnes = existing(s.to().indices());
      long have = engine.count(String.join(",", oldOnes));
      long got = newOnes.isEmpty() ? 0 : engine.count(String.join(",", newOnes));
      // ids are compared index by index: two topics may use the same id
      List<String> missing = new java.util.ArrayList<>();
      int sampled = 0;
      int each = Math.max(SAMPLE_IDS / Math.max(1, oldOnes.size()), 50);
      for (Map.Entry<String, String> pair : pairs.entrySet()) {
        if (!oldOnes.contains(pair.getKey())) {
          continue;
        }
        String toIndex = pair.getValue();
        List<String> sample = engine.sampleIds(pair.getKey(), each);
        sampled += sample.size();
        List<String> lacking = newOnes.contains(toIndex) ? engine.missing(toIndex, sample) : sample;
        lacking.forEach(id -> missing.add(toIndex + "/" + id));
      }
      if ((got < have || !missing.isEmpty()) && !s.seed().wanted()) {
        out.printf(
            "%s has passed %s's offsets, yet %s holds %,d documents and %s %,d%s: the topics no"
                + " longer hold the whole history (retention). Copying what the new version"
                + " lacks from the old one.%n",
            to,
            from,
            s.to().index(),
            got,
            s.from().index(),
            have,
            missing.isEmpty() ? "" : " (" + missing.size() + " sampled ids missing)");
        s = s.withSeed(RemapState.Seed.asked());
        engine.putState(s.base(), s.toJson());
        s = seed(s);
        deadline = Instant.now().plus(Duration.ofSeconds(60));
        continue;
      }
      if (got >= have && missing.isEmpty()) {
        out.printf(
            "Checked: %s holds %,d documents, %s %,d; all %d sampled ids of %s are in %s.%n",
            s.to().index(), got, s.from().index(), have, sampled, s.from().index(), s.to().index());
        return s;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            s.to().index()
                + " holds "
                + got
                + " documents and "
                + s.from().index()
                + " "
                + have
                + (missing.isEmpty()
                    ? ""
                    : "; ids missing from the new version: "
                        + missing.subList(0, Math.min(20, missing.size())))
                + " although "
                + to
                + " passed "
                + from
                + "'s offsets "
                + last
                + "; the readers stay on "
                + s.from().index()
                + ". Check "
                + to
                + "'s dead-letter topic: the new mapping may refuse documents the old one took");
      }
      sleep(timing.poll());
    }
  }

  /**
   * Waits until {@code to}'s offsets reach {@code from}'s on every partition ({@code fromPaused}),
   * or come close enough to pause {@code from} ({@link CatchUp#closeEnough}), with progress.
   */
  private void awaitCaughtUp(String to, String from, boolean fromPaused) {
    Instant deadline = Instant.now().plus(timing.timeout());
    CatchUp.Lag before = null;
    Instant beforeAt = null;
    Instant printed = Instant.EPOCH;
    long referenceBefore = -1;
    Instant referenceAt = null;
    double referencePerSecond = 0;
    while (true) {
      failIfFailed(to);
      Map<String, Long> reference = connect.sinkOffsets(from);
      CatchUp.Lag lag = CatchUp.compare(connect.sinkOffsets(to), reference);
      Instant now = Instant.now();
      long referenceTotal = reference.values().stream().mapToLong(Long::longValue).sum();
      if (referenceBefore >= 0 && now.isAfter(referenceAt)) {
        referencePerSecond =
            (referenceTotal - referenceBefore)
                * 1000.0
                / Duration.between(referenceAt, now).toMillis();
      }
      referenceBefore = referenceTotal;
      referenceAt = now;
      boolean done =
          fromPaused
              ? lag.caughtUp()
              : CatchUp.closeEnough(lag, referencePerSecond, timing.settle(), CLOSE_ENOUGH_FLOOR);
      if (done) {
        out.println(
            CatchUp.progressLine(to, from, lag, Optional.of(Duration.ZERO))
                + (fromPaused
                    ? " (passed its last offsets)"
                    : lag.caughtUp() ? " (caught up)" : " (close enough to pause " + from + ")"));
        return;
      }
      if (Duration.between(printed, now).compareTo(Duration.ofSeconds(5)) >= 0) {
        Optional<Duration> eta =
            before == null
                ? Optional.empty()
                : CatchUp.eta(before, lag, Duration.between(beforeAt, now));
        out.println(CatchUp.progressLine(to, from, lag, eta));
        printed = now;
        before = lag;
        beforeAt = now;
      }
      if (now.isAfter(deadline)) {
        throw new LauncherException(
            to
                + " did not catch up with "
                + from
                + " within "
                + timing.timeout().toMinutes()
                + " minutes ("
                + lag.behind()
                + " records behind); run remap again to go on");
      }
      sleep(timing.poll());
    }
  }

  /** {@code from}'s committed offsets once they and its index's count stop changing. */
  private Map<String, Long> settled(String from, String index) {
    Map<String, Long> offsets = connect.sinkOffsets(from);
    long count = engine.count(index);
    Instant deadline = Instant.now().plus(timing.timeout());
    while (true) {
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            "The offsets of the paused "
                + from
                + " still change after "
                + timing.timeout().toMinutes()
                + " minutes; run remap again");
      }
      sleep(timing.settle());
      Map<String, Long> o = connect.sinkOffsets(from);
      long c = engine.count(index);
      if (o.equals(offsets) && c == count) {
        return o;
      }
      offsets = o;
      count = c;
    }
  }

  private void awaitRunning(String name) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      JsonNode status = connect.status(name);
      failIfFailed(name);
      if (status != null
          && "RUNNING".equals(status.path("connector").path("state").asText())
          && status.path("tasks").size() > 0) {
        boolean all = true;
        for (JsonNode t : status.path("tasks")) {
          all &= "RUNNING".equals(t.path("state").asText());
        }
        if (all) {
          return;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            name + " did not start within 3 minutes; see GET /connectors/" + name + "/status");
      }
      sleep(timing.poll());
    }
  }

  private void awaitGone(String name) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (connect.status(name) != null) {
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            "Connector " + name + " is still listed a minute after it was deleted; run again");
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private void awaitPaused(String name) {
    awaitState(name, "PAUSED");
  }

  /** Waits until the connector and every task it has are in {@code state}. */
  private void awaitState(String name, String state) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      JsonNode status = connect.status(name);
      boolean all = status != null && state.equals(status.path("connector").path("state").asText());
      if (status != null) {
        for (JsonNode t : status.path("tasks")) {
          all &= state.equals(t.path("state").asText());
        }
      }
      if (all) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new LauncherException(
            name
                + " did not reach "
                + state
                + " within 2 minutes; see GET /connectors/"
                + name
                + "/status, then run again");
      }
      sleep(Duration.ofMillis(500));
    }
  }

  private void failIfFailed(String name) {
    JsonNode status = connect.status(name);
    if (status == null) {
      return;
    }
    String why = null;
    if ("FAILED".equals(status.path("connector").path("state").asText())) {
      why = status.path("connector").path("trace").asText();
    }
    for (JsonNode t : status.path("tasks")) {
      if (why == null && "FAILED".equals(t.path("state").asText())) {
        why = t.path("trace").asText();
      }
    }
    if (why != null) {
      String first = why.lines().findFirst().orElse("");
      throw new LauncherException(
          name
              + " failed: "
              + first
              + "; fix it (GET /connectors/"
              + name
              + "/status), then run remap again");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("Interrupted");
    }
  }
}
