package io.tidestream.sim.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The recorded NOAA responses in {@code shared/noaa-fixtures}, found by walking up from the working directory. */
public final class Fixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  public static Path directory() {
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("noaa-fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("cannot find shared/noaa-fixtures in %s or any parent directory; the fixture comparison"
        + " tests need the recorded NOAA responses (../shared/noaa-fixtures next to the repository)", start);
  }

  public static String text(String fileName) {
    Path file = directory().resolve(fileName);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  public static JsonNode json(String fileName) {
    try {
      return MAPPER.readTree(text(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + fileName + " is not JSON", e);
    }
  }
}
