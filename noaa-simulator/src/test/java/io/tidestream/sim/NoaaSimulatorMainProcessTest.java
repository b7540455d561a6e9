package io.tidestream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.sim.support.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command-line contract other modules rely on: one "listening" line, then serve, then stop on
 * SIGTERM.
 */
@Timeout(60)
class NoaaSimulatorMainProcessTest {

  @Test
  void printsItsUrlOnceListeningAndStopsOnSigterm() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    NoaaSimulatorMain.class.getName(),
                    "--port",
                    "0",
                    "--seed",
                    "7",
                    "--stations",
                    "2",
                    "--clock-start",
                    "2025-06-01T00:00:00Z",
                    "--clock-pinned"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();

      assertThat(line).matches("NOAA simulator listening on http://127\\.0\\.0\\.1:\\d+");
      String url = line.substring("NOAA simulator listening on ".length());
      Http http = new Http(url);
      assertThat(http.get("/admin/health").body()).isEqualTo("ok");
      assertThat(http.get("/mdapi/prod/webapi/stations.json").body()).contains("\"count\":7");

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void takesTheAnswerFaultsOnTheCommandLine() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    NoaaSimulatorMain.class.getName(),
                    "--port",
                    "0",
                    "--clock-start",
                    "2025-06-01T00:00:00Z",
                    "--clock-pinned",
                    "--fault-sequence",
                    "BOM_BODY,NON_NUMERIC_VALUE",
                    "--fault",
                    "CLOSE_AFTER_ANSWER=1.0"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String url = out.readLine().substring("NOAA simulator listening on ".length());
      Http http = new Http(url);
      String query =
          "/api/prod/datagetter?station=9447130&product=water_level&datum=MLLW&begin_date=20250501"
              + "&end_date=20250501+06:00&units=metric&time_zone=gmt&format=json";

      byte[] bom = http.getBytes(query).body();
      String nan = http.get(query).body();
      String faults = http.get("/admin/faults").body();

      assertThat(bom[0]).isEqualTo((byte) 0xEF);
      assertThat(nan).contains("\"v\":\"NaN\"");
      assertThat(faults).contains("\"CLOSE_AFTER_ANSWER\":1.0");
    } finally {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void rejectsAnUnknownFaultWithAUsageError() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    NoaaSimulatorMain.class.getName(),
                    "--port",
                    "0",
                    "--fault-sequence",
                    "HTTP_999"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(output).contains("unknown fault 'HTTP_999'").doesNotContain("listening");
  }
}
