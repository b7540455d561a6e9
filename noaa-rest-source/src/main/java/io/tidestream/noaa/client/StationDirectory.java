package io.tidestream.noaa.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.StationMeta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads NOAA's metadata API (mdapi): station lists for discovery and names/positions, one station's
 * product pages and datums for validation. Numbers there are JSON numbers and the longitude key is
 * {@code lng} (datagetter uses strings and {@code lon}).
 */
public final class StationDirectory {

  /** A station in a list, with its state for filtering. */
  public record Listing(StationMeta meta, String state) {}

  /**
   * One station's details.
   *
   * @param productPages names of the product pages NOAA lists ("Water Levels", "Tide Predictions",
   *     "Meteorological"); null when the answer had no products section
   * @param datums datum names ("MLLW", "NAVD88"); null when the answer had none
   */
  public record Details(StationMeta meta, Set<String> productPages, Set<String> datums) {}

  private final NoaaClient client;

  public StationDirectory(NoaaClient client) {
    this.client = client;
  }

  /** {@code stations.json[?type=...]}; type may be empty. */
  public List<Listing> list(String type) throws NoaaApiException {
    JsonNode root =
        type == null || type.isEmpty()
            ? client.metadata("stations.json")
            : client.metadata("stations.json", "type", type);
    List<Listing> out = new ArrayList<>();
    for (JsonNode s : root.path("stations")) {
      out.add(new Listing(meta(s), text(s.get("state"))));
    }
    return out;
  }

  /** {@code stations/{id}.json?expand=products,datums}; empty when NOAA has no such station. */
  public Optional<Details> details(String id) throws NoaaApiException {
    JsonNode root;
    try {
      root = client.metadata("stations/" + id + ".json", "expand", "details,products,datums");
    } catch (NoaaApiException e) {
      if (e.httpStatus() == 404
          || e.kind() == io.tidestream.noaa.api.NoaaErrorKind.WRONG_PARAMETER
              && e.httpStatus() >= 200
              && e.httpStatus() < 500) {
        return Optional.empty();
      }
      throw e;
    }
    JsonNode stations = root.path("stations");
    if (!stations.isArray() || stations.isEmpty()) {
      return Optional.empty();
    }
    JsonNode s = stations.get(0);
    return Optional.of(
        new Details(
            meta(s), names(s.path("products"), "products"), names(s.path("datums"), "datums")));
  }

  private static Set<String> names(JsonNode section, String arrayField) {
    JsonNode arr = section.isArray() ? section : section.path(arrayField);
    if (!arr.isArray()) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    arr.forEach(
        n -> {
          String name = text(n.get("name"));
          if (name != null) {
            out.add(name);
          }
        });
    return out;
  }

  static StationMeta meta(JsonNode s) {
    return new StationMeta(
        text(s.get("id")), text(s.get("name")), number(s.get("lat")), number(s.get("lng")));
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
  }

  private static Double number(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(n.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
