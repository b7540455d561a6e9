package io.tidestream.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.ProjectHome;
import io.tidestream.pipeline.kafka.ConnectRestClient;
import io.tidestream.pipeline.remap.EngineApi;
import io.tidestream.pipeline.remap.Remap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "remap",
    mixinStandardHelpOptions = true,
    description = {
      "Change a sink's index mapping while the pipeline runs: a second connector fills a new"
          + " index version, then the read alias moves in one step.",
      "Talks to the Connect REST API and the engine's REST API only (default: the stack of"
          + " ./pipeline up). Run it again after Ctrl-C or a crash to go on. See docs/remap.md."
    })
final class RemapCommand implements Callable<Integer> {

  /** The environment variable that may hold the engine password. */
  static final String PASSWORD_ENV = "TIDESTREAM_ENGINE_PASSWORD";

  @Mixin StateOption state;

  @Option(
      names = "--connector",
      defaultValue = "elastic-sink",
      description = "The sink connector to remap (default elastic-sink).")
  String connector;

  @Option(
      names = "--template",
      paramLabel = "FILE",
      description =
          "The new index template: JSON in the form mapping.template.inline takes"
              + " ({\"mappings\":…} or a composable template).")
  Path template;

  @Option(names = "--rollback", description = "Switch the read alias back to the previous version.")
  boolean rollback;

  @Option(
      names = "--drop-old",
      description = "Delete the version readers no longer see (and its template); needs --yes.")
  boolean dropOld;

  @Option(names = "--yes", description = "Confirm --drop-old.")
  boolean yes;

  @Option(
      names = "--seed-from-old-version",
      description =
          "Copy the old version into the new one before the replay (the engine's _reindex, or a"
              + " copy from here where it has none), while both connectors run. Without it, what"
              + " the topics no longer hold (retention) is found by the check before the flip and"
              + " copied then, with the old connector paused.")
  boolean seed;

  @Option(
      names = "--connect-url",
      paramLabel = "URL",
      description = "Connect REST API (default: the first worker of ./pipeline up).")
  String connectUrl;

  @Option(
      names = "--engine-url",
      paramLabel = "URL",
      description = "Search engine REST API (default: the engine of ./pipeline up).")
  String engineUrl;

  @Option(
      names = "--engine-user",
      paramLabel = "USER",
      description =
          "Engine user for basic authentication; the password comes from $"
              + PASSWORD_ENV
              + " or --engine-password-file, never from the command line.")
  String engineUser;

  @Option(
      names = "--engine-password-file",
      paramLabel = "FILE",
      description = "File whose first line is the engine password.")
  Path passwordFile;

  @Option(
      names = "--settle-seconds",
      defaultValue = "12",
      description =
          "How long the paused connector's offsets must stay unchanged before its last offsets"
              + " count (default 12: above twice the workers' offset.flush.interval.ms of 5000).")
  int settleSeconds;

  @Override
  public Integer call() {
    int modes = (rollback ? 1 : 0) + (dropOld ? 1 : 0) + (template != null ? 1 : 0);
    if (modes != 1) {
      throw new LauncherException(
          "Give exactly one of --template FILE (remap), --rollback or --drop-old");
    }
    if (seed && template == null) {
      throw new LauncherException("--seed-from-old-version goes with --template FILE (a remap)");
    }
    Optional<JsonNode> stack = Optional.empty();
    if (connectUrl == null || engineUrl == null) {
      stack = state.resolve(ProjectHome.locate(), System.out).stack();
    }
    String connect = connectUrl != null ? connectUrl : stackUrl(stack, "connect");
    String engine = engineUrl != null ? engineUrl : stackUrl(stack, "engineUrl");
    Remap remap =
        new Remap(
            new ConnectRestClient(connect.replaceAll("/+$", "")),
            new EngineApi(engine, engineUser, password()),
            System.out,
            new Remap.Timing(
                Duration.ofSeconds(3), Duration.ofSeconds(settleSeconds), Duration.ofMinutes(60)));
    if (rollback) {
      remap.rollback(connector);
    } else if (dropOld) {
      remap.dropOld(connector, yes);
    } else {
      remap.remap(connector, readTemplate(), seed);
    }
    return 0;
  }

  private String readTemplate() {
    try {
      return Files.readString(template, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LauncherException(
          "Cannot read the --template file " + template + " (" + e.getMessage() + ")");
    }
  }

  private char[] password() {
    if (engineUser == null) {
      return null;
    }
    if (passwordFile != null) {
      try {
        return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
            .findFirst()
            .orElse("")
            .toCharArray();
      } catch (IOException e) {
        throw new LauncherException(
            "Cannot read --engine-password-file " + passwordFile + " (" + e.getMessage() + ")");
      }
    }
    String env = System.getenv(PASSWORD_ENV);
    if (env == null) {
      throw new LauncherException(
          "--engine-user is given but no password: put it in $"
              + PASSWORD_ENV
              + " or in a file named by --engine-password-file");
    }
    return env.toCharArray();
  }

  private static String stackUrl(Optional<JsonNode> stack, String field) {
    JsonNode v = stack.map(s -> s.path(field)).orElse(null);
    if (v != null && v.isArray()) {
      v = v.path(0);
    }
    if (v == null || v.isMissingNode() || v.asText().isEmpty()) {
      throw new LauncherException(
          "No ./pipeline up stack is recorded here, so there is no default for --connect-url and"
              + " --engine-url: start it with ./pipeline up, or pass both URLs");
    }
    return v.asText();
  }
}
