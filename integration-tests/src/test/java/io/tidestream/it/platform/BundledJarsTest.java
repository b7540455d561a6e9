package io.tidestream.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidestream.pipeline.ProjectHome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * docs/bundled-jars.md lists the jars each plugin ZIP carries, read from the built ZIPs (what a
 * user installs, not what the POMs intend). The committed file must equal what the ZIPs hold, so a
 * dependency change shows in review. A Surefire test: it needs the ZIPs, which {@code verify}
 * builds before this module's tests, but no server.
 */
class BundledJarsTest {

  static final String WRITE_PROPERTY = "bundled.jars.write";

  static final String REGENERATE =
      "./mvnw -q -B verify -pl integration-tests -am -DskipITs -Dtest=BundledJarsTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -D"
          + WRITE_PROPERTY
          + "=true";

  private static final Pattern JAR = Pattern.compile("(?:.*/)?lib/(.+?)-(\\d[^/]*)\\.jar");

  /** One bundled jar: Maven coordinates where the jar says them, else from its file name. */
  record Jar(String group, String artifact, String version) {}

  @Test
  void committedListMatchesTheBuiltZips() throws IOException {
    ProjectHome home = ProjectHome.locate();
    String version = home.build().version();
    List<Path> zips = new ArrayList<>();
    for (String module : List.of("elastic-geo-sink", "noaa-rest-source")) {
      Path zip =
          home.root().resolve(module).resolve("target").resolve(module + "-" + version + ".zip");
      assumeTrue(Files.isRegularFile(zip), zip + " is not built; run " + REGENERATE);
      zips.add(zip);
    }
    String rendered = render(zips, version);
    Path doc = home.root().resolve("docs").resolve("bundled-jars.md");
    if (Boolean.getBoolean(WRITE_PROPERTY)) {
      Files.writeString(doc, rendered, StandardCharsets.UTF_8);
    }
    assertThat(Files.isRegularFile(doc))
        .as(doc + " is missing; create it with " + REGENERATE)
        .isTrue();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as(
            "docs/bundled-jars.md differs from the jars in the built plugin ZIPs; review the"
                + " dependency change and regenerate it with "
                + REGENERATE)
        .isEqualTo(rendered);
  }

  static String render(List<Path> zips, String projectVersion) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Jars bundled in the plugin ZIPs\n\n")
        .append("Generated from the built ZIPs by `BundledJarsTest` (integration-tests); do not")
        .append(" edit. The build fails\nwhen this file differs from the ZIPs. After changing a")
        .append(" dependency, regenerate it with:\n\n```\n")
        .append(REGENERATE)
        .append("\n```\n\n")
        .append("Kafka's own jars (`kafka-clients`, `connect-api`, `connect-json`, `slf4j-api`, …)")
        .append(" are provided by the\nworker and never bundled (`PluginPackagingIT` checks it).")
        .append(
            " Versions of the project's own jars\nare the build's version. The group comes from")
        .append(" the jar's Maven metadata (— where the jar carries\nnone).\n");
    for (Path zip : zips) {
      String name = zip.getFileName().toString();
      md.append("\n## ")
          .append(name.substring(0, name.length() - ("-" + projectVersion + ".zip").length()))
          .append("\n\n| jar | group | version |\n|---|---|---|\n");
      for (Jar jar : jars(zip, projectVersion)) {
        md.append("| ")
            .append(jar.artifact())
            .append(" | ")
            .append(jar.group().isEmpty() ? "—" : jar.group())
            .append(" | ")
            .append(jar.version())
            .append(" |\n");
      }
    }
    return md.toString();
  }

  /** The jars under lib/, sorted by artifact name. */
  static List<Jar> jars(Path zip, String projectVersion) throws IOException {
    TreeMap<String, Jar> jars = new TreeMap<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : file.stream().toList()) {
        Matcher m = JAR.matcher(entry.getName());
        if (entry.isDirectory() || !m.matches()) {
          continue;
        }
        String artifact = m.group(1);
        String version = m.group(2);
        String group;
        try (InputStream in = file.getInputStream(entry)) {
          group = groupOf(in, artifact);
        }
        if (version.equals(projectVersion) && group.equals("io.tidestream")) {
          version = "(project version)";
        }
        jars.put(artifact + " " + group, new Jar(group, artifact, version));
      }
    }
    return List.copyOf(jars.values());
  }

  /** The groupId from the jar's META-INF/maven/…/pom.properties, or "" when it has none. */
  private static String groupOf(InputStream jar, String artifact) throws IOException {
    ZipInputStream in = new ZipInputStream(jar);
    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
      String n = e.getName();
      if (n.startsWith("META-INF/maven/") && n.endsWith("/" + artifact + "/pom.properties")) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("groupId", "");
      }
    }
    return "";
  }
}
