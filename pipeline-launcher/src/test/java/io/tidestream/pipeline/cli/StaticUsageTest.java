package io.tidestream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The usage the {@code ./pipeline} script prints before anything is built lists the same commands,
 * with the same one-line descriptions, as the launcher's own help.
 */
class StaticUsageTest {

  @Test
  void theScriptsStaticUsageListsTheLaunchersCommandsWithTheirDescriptions() throws Exception {
    Map<String, String> launcher = new LinkedHashMap<>();
    new CommandLine(new PipelineMain())
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                String[] header = sub.getCommandSpec().usageMessage().header();
                launcher.put(
                    name,
                    header.length > 0
                        ? header[0]
                        : sub.getCommandSpec().usageMessage().description()[0]);
              }
            });
    launcher.put("bench", PipelineMain.BENCH);
    launcher.put("test", PipelineMain.TEST);

    assertThat(staticCommands()).isEqualTo(launcher);
  }

  @Test
  void theLaunchersHelpNamesBenchAndTest() {
    String help = new CommandLine(new PipelineMain()).getUsageMessage().replaceAll("\\s+", " ");
    assertThat(help).contains("bench " + PipelineMain.BENCH, "test " + PipelineMain.TEST);
  }

  /** The "Commands:" lines of the heredoc in the script's {@code static_usage}. */
  static Map<String, String> staticCommands() throws Exception {
    String script = Files.readString(Path.of("..", "pipeline"));
    Matcher usage =
        Pattern.compile("static_usage\\(\\) \\{\\n  cat <<'EOF'\\n(.*?)\\nEOF\\n", Pattern.DOTALL)
            .matcher(script);
    assertThat(usage.find()).as("static_usage() in ./pipeline").isTrue();
    Map<String, String> commands = new LinkedHashMap<>();
    boolean inCommands = false;
    for (String line : usage.group(1).split("\n")) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.startsWith("  ")) {
        String[] parts = line.strip().split("\\s+", 2);
        commands.put(parts[0], parts[1]);
      } else if (inCommands) {
        break;
      }
    }
    return commands;
  }
}
