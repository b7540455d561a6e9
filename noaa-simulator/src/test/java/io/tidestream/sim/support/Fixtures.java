package io.tidestream.sim.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The recorded NOAA responses of the {@code noaa-fixtures} module, read from the class path ({@code
 * noaa-fixtures/<file>}): inside the repository, from a jar or from its build output alike.
 */
public final class Fixtures {

  /** Where the {@code noaa-fixtures} module puts the recordings on the class path. */
  public static final String RESOURCE_DIR = "noaa-fixtures/";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  public static byte[] bytes(String fileName) {
    String resource = RESOURCE_DIR + fileName;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "The recorded NOAA response "
                + resource
                + " is not on the test class path; the tests take it from the noaa-fixtures module"
                + " (a test dependency): build with ./mvnw -pl noaa-simulator -am test, and add new"
                + " recordings to noaa-fixtures/src/main/resources/"
                + RESOURCE_DIR);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }

  public static String text(String fileName) {
    return new String(bytes(fileName), StandardCharsets.UTF_8);
  }

  public static JsonNode json(String fileName) {
    try {
      return MAPPER.readTree(text(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + fileName + " is not JSON", e);
    }
  }
}
