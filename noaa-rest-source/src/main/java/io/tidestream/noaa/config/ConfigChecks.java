package io.tidestream.noaa.config;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.ProductFamily;
import io.tidestream.noaa.client.StationDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of {@code Connector.validate()} beyond single fields: first cross-field rules, then
 * (only when every field is fine) questions to NOAA's metadata API. Messages go on the offending
 * key; a network failure is logged as a warning and never rejects the configuration.
 */
public final class ConfigChecks {

  private static final Logger log = LoggerFactory.getLogger(ConfigChecks.class);

  private ConfigChecks() {}

  public static boolean hasErrors(Map<String, ConfigValue> values) {
    return values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty());
  }

  /** Cross-field rules; needs a parsed config (all fields valid). */
  public static void crossField(NoaaSourceConfig c, Map<String, ConfigValue> v, Instant now) {
    if (c.stations().isEmpty() && c.discoverType().isEmpty()) {
      error(v, NoaaSourceConfig.STATIONS,
          "Name at least one station (e.g. 8454000), or set " + NoaaSourceConfig.DISCOVER_TYPE
              + " to discover stations from NOAA's metadata API");
    }
    if (!c.stations().isEmpty() && !c.discoverType().isEmpty()) {
      error(v, NoaaSourceConfig.DISCOVER_TYPE,
          "Set either " + NoaaSourceConfig.STATIONS + " or " + NoaaSourceConfig.DISCOVER_TYPE
              + ", not both: clear one of them");
    }
    if (!c.discoverState().isEmpty() && c.discoverType().isEmpty()) {
      error(v, NoaaSourceConfig.DISCOVER_STATE,
          "A state filter only applies to discovery: set " + NoaaSourceConfig.DISCOVER_TYPE
              + " or clear this key");
    }
    if (c.start(now).isAfter(now)) {
      error(v, NoaaSourceConfig.START,
          "The start lies in the future; use a past instant or a duration such as P7D");
    }
    if (c.backoffInitial().compareTo(c.backoffMax()) > 0) {
      error(v, NoaaSourceConfig.BACKOFF_INITIAL,
          "Must not exceed " + NoaaSourceConfig.BACKOFF_MAX + " (" + c.backoffMax() + ")");
    }
    if (c.banCooldown().compareTo(c.banCooldownMax()) > 0) {
      error(v, NoaaSourceConfig.BAN_COOLDOWN,
          "Must not exceed " + NoaaSourceConfig.BAN_COOLDOWN_MAX + " (" + c.banCooldownMax() + ")");
    }
    if (!c.errorsTopic().isEmpty()
        && c.products().stream().anyMatch(p -> c.topicFor(p).equals(c.errorsTopic()))) {
      error(v, NoaaSourceConfig.ERRORS_TOPIC,
          "The errors topic must differ from every data topic, so errors never mix with "
              + "observations: choose another name, e.g. noaa.errors");
    }
    if (!c.revisionsWindow().isZero()
        && c.products().stream().noneMatch(p -> p.family() == ProductFamily.WATER_LEVEL
            && p != NoaaProduct.AIR_GAP)) {
      error(v, NoaaSourceConfig.REVISIONS_WINDOW,
          "Revisions apply to water_level and one_minute_water_level only; add one of them to "
              + NoaaSourceConfig.PRODUCTS + " or set this to PT0S");
    }
    boolean greatLakesDatum = c.datum().equals("IGLD") || c.datum().equals("LWD");
    if (greatLakesDatum && c.products().contains(NoaaProduct.PREDICTIONS)) {
      error(v, NoaaSourceConfig.DATUM,
          "NOAA has no tide predictions for Great Lakes datums (IGLD, LWD); remove predictions "
              + "from " + NoaaSourceConfig.PRODUCTS + " or use a tidal datum such as MLLW");
    }
  }

  /**
   * Asks the metadata API whether each station exists, offers the products and has the datum.
   * Stops at the first network problem, logging a warning.
   */
  public static void network(
      NoaaSourceConfig c, Map<String, ConfigValue> v, Supplier<StationDirectory> directory) {
    try {
      StationDirectory dir = directory.get();
      if (!c.discoverType().isEmpty()) {
        List<StationDirectory.Listing> found = dir.list(c.discoverType());
        boolean any = found.stream().anyMatch(
            l -> c.discoverState().isEmpty() || c.discoverState().equals(l.state()));
        if (!any) {
          error(v, c.discoverState().isEmpty() ? NoaaSourceConfig.DISCOVER_TYPE
                  : NoaaSourceConfig.DISCOVER_STATE,
              "NOAA lists no station of type '" + c.discoverType() + "'"
                  + (c.discoverState().isEmpty() ? "" : " in state " + c.discoverState())
                  + "; choose another type or state");
        }
        return;
      }
      for (String id : c.stations()) {
        Optional<StationDirectory.Details> d = dir.details(id);
        if (d.isEmpty()) {
          error(v, NoaaSourceConfig.STATIONS,
              "Station " + id + " is not a NOAA CO-OPS station (the metadata API does not know "
                  + "it). Look the id up on https://tidesandcurrents.noaa.gov/ and fix or remove "
                  + "it");
          continue;
        }
        checkProducts(c, v, id, d.get().productPages());
        checkDatum(c, v, id, d.get().datums());
      }
    } catch (NoaaApiException | RuntimeException e) {
      log.warn("Could not check stations against NOAA's metadata API at {} ({}); the "
          + "configuration is accepted unchecked", c.metadataUrl(), e.getMessage());
    }
  }

  private static void checkProducts(
      NoaaSourceConfig c, Map<String, ConfigValue> v, String id, Set<String> pages) {
    if (pages == null || pages.isEmpty()) {
      return;
    }
    for (NoaaProduct p : c.products()) {
      String page = page(p);
      if (!pages.contains(page)) {
        error(v, NoaaSourceConfig.PRODUCTS,
            "Station " + id + " does not offer " + p.apiName() + " (NOAA lists no '" + page
                + "' for it). Remove " + p.apiName() + " from " + NoaaSourceConfig.PRODUCTS
                + " or station " + id + " from " + NoaaSourceConfig.STATIONS);
      }
    }
  }

  /** The metadata API's product page that covers a datagetter product. */
  static String page(NoaaProduct p) {
    return switch (p.family()) {
      case WATER_LEVEL, HOURLY_HEIGHT, HIGH_LOW -> p == NoaaProduct.AIR_GAP
          ? "Air Gap" : "Water Levels";
      case PREDICTIONS -> "Tide Predictions";
      case WIND, SCALAR -> "Meteorological";
    };
  }

  private static void checkDatum(
      NoaaSourceConfig c, Map<String, ConfigValue> v, String id, Set<String> datums) {
    if (datums == null || datums.isEmpty()
        || c.products().stream().noneMatch(NoaaProduct::usesDatum)) {
      return;
    }
    String datum = c.datum();
    boolean has = datums.stream().anyMatch(d -> d.equals(datum) || d.startsWith(datum));
    boolean always = datum.equals("STND") || datum.equals("CRD");
    if (!has && !always) {
      error(v, NoaaSourceConfig.DATUM,
          "Station " + id + " has no datum " + datum + " (it has " + String.join(", ", datums)
              + "). Choose one of those in " + NoaaSourceConfig.DATUM + " or remove the station");
    }
  }

  private static void error(Map<String, ConfigValue> v, String key, String message) {
    v.computeIfAbsent(key, ConfigValue::new).addErrorMessage(message);
  }
}
