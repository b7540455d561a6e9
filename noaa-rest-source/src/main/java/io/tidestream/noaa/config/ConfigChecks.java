package io.tidestream.noaa.config;

import io.tidestream.common.config.ConfigValues;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.api.ProductFamily;
import io.tidestream.noaa.client.StationDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of {@code Connector.validate()} beyond single fields: first cross-field rules, then
 * (only when every field is fine) questions to NOAA's metadata API, a few whatever the number of
 * stations. Messages go on the offending key; a network failure is logged as a warning and never
 * rejects the configuration.
 */
public final class ConfigChecks {

  private static final Logger log = LoggerFactory.getLogger(ConfigChecks.class);

  private ConfigChecks() {}

  public static boolean hasErrors(Map<String, ConfigValue> values) {
    return ConfigValues.hasErrors(values);
  }

  /** Cross-field rules; needs a parsed config (all fields valid). */
  public static void crossField(NoaaSourceConfig c, Map<String, ConfigValue> v, Instant now) {
    if (c.stations().isEmpty() && c.discoverType().isEmpty()) {
      error(
          v,
          NoaaSourceConfig.STATIONS,
          "Name at least one station (e.g. 8454000), or set "
              + NoaaSourceConfig.DISCOVER_TYPE
              + " to discover stations from NOAA's metadata API");
    }
    if (!c.stations().isEmpty() && !c.discoverType().isEmpty()) {
      error(
          v,
          NoaaSourceConfig.DISCOVER_TYPE,
          "Set either "
              + NoaaSourceConfig.STATIONS
              + " or "
              + NoaaSourceConfig.DISCOVER_TYPE
              + ", not both: clear one of them");
    }
    if (!c.discoverState().isEmpty() && c.discoverType().isEmpty()) {
      error(
          v,
          NoaaSourceConfig.DISCOVER_STATE,
          "A state filter only applies to discovery: set "
              + NoaaSourceConfig.DISCOVER_TYPE
              + " or clear this key");
    }
    if (c.start(now).isAfter(now)) {
      error(
          v,
          NoaaSourceConfig.START,
          "The start lies in the future; use a past instant or a duration such as P7D");
    }
    NoaaSourceConfig.BACKOFF.check(c, v);
    if (c.banCooldown().compareTo(c.banCooldownMax()) > 0) {
      error(
          v,
          NoaaSourceConfig.BAN_COOLDOWN,
          "Must not exceed "
              + NoaaSourceConfig.BAN_COOLDOWN_MAX
              + " ("
              + c.banCooldownMax().toMillis()
              + " ms): lower it, or raise "
              + NoaaSourceConfig.BAN_COOLDOWN_MAX);
    }
    if (!c.errorsTopic().isEmpty()
        && c.products().stream().anyMatch(p -> c.topicFor(p).equals(c.errorsTopic()))) {
      error(
          v,
          NoaaSourceConfig.ERRORS_TOPIC,
          "The errors topic must differ from every data topic, so errors never mix with "
              + "observations: choose another name, e.g. noaa.errors");
    }
    if (!c.revisionsWindow().isZero()
        && c.products().stream()
            .noneMatch(p -> p.family() == ProductFamily.WATER_LEVEL && p != NoaaProduct.AIR_GAP)) {
      error(
          v,
          NoaaSourceConfig.REVISIONS_WINDOW,
          "Revisions apply to water_level and one_minute_water_level only; add one of them to "
              + NoaaSourceConfig.PRODUCTS
              + " or set this to 0");
    }
    boolean greatLakesDatum = c.datum().equals("IGLD") || c.datum().equals("LWD");
    if (greatLakesDatum && c.products().contains(NoaaProduct.PREDICTIONS)) {
      error(
          v,
          NoaaSourceConfig.DATUM,
          "NOAA has no tide predictions for Great Lakes datums (IGLD, LWD); remove predictions "
              + "from "
              + NoaaSourceConfig.PRODUCTS
              + " or use a tidal datum such as MLLW");
    }
  }

  /** Stations with the datum checked one request each, at most this many (else runtime does). */
  public static final int DATUM_CHECK_MAX_STATIONS = 5;

  /** How long validate() trusts a station list or station details it asked for before. */
  public static final Duration CACHE_TIME = Duration.ofHours(1);

  /** A station missing from a list older than this is looked up in a fresh copy of the list. */
  public static final Duration RECHECK_AFTER = Duration.ofMinutes(1);

  /** Station ids named in one error message; the rest are counted. */
  static final int IDS_IN_MESSAGE = 10;

  /**
   * NOAA's metadata API as validate() sees it: each answer cached, each request paced on the
   * connector's request slots. Throws {@link OutOfTime} instead of asking when the request would
   * come too late for validation to answer in time.
   */
  public interface StationLookup {
    /** {@code stations.json[?type=...]}, no older than {@code maxAge}; type empty: no type. */
    List<StationDirectory.Listing> list(String type, Duration maxAge)
        throws NoaaApiException, OutOfTime, InterruptedException;

    /** {@code stations/{id}.json} with datums; empty when NOAA has no such station. */
    Optional<StationDirectory.Details> details(String id)
        throws NoaaApiException, OutOfTime, InterruptedException;
  }

  /** The next metadata request would come after validation's time limit. */
  public static final class OutOfTime extends Exception {
    public OutOfTime(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Asks the metadata API whether each station exists and offers the products, at a cost that does
   * not grow with the number of stations: one station list, one list per product type ({@link
   * #listType}), and the datums of up to {@value #DATUM_CHECK_MAX_STATIONS} stations. Stops at the
   * first network problem or when validation runs out of time, logging a warning: what is not
   * checked here, the tasks find at runtime (quarantine with an ERROR line).
   */
  public static void network(NoaaSourceConfig c, Map<String, ConfigValue> v, StationLookup lookup) {
    try {
      if (!c.discoverType().isEmpty()) {
        List<StationDirectory.Listing> found = lookup.list(c.discoverType(), CACHE_TIME);
        boolean any =
            found.stream()
                .anyMatch(l -> c.discoverState().isEmpty() || c.discoverState().equals(l.state()));
        if (!any) {
          error(
              v,
              c.discoverState().isEmpty()
                  ? NoaaSourceConfig.DISCOVER_TYPE
                  : NoaaSourceConfig.DISCOVER_STATE,
              "NOAA lists no station of type '"
                  + c.discoverType()
                  + "'"
                  + (c.discoverState().isEmpty() ? "" : " in state " + c.discoverState())
                  + "; choose another type or state");
        }
        return;
      }
      List<String> ids = c.stations().stream().distinct().toList();
      Listed listed = listed(c, lookup, CACHE_TIME);
      if (!listed.problems(c, ids).isEmpty()) {
        listed = listed(c, lookup, RECHECK_AFTER); // maybe NOAA added a station since
      }
      report(c, v, ids, listed);
      checkDatums(c, v, ids, listed, lookup);
    } catch (OutOfTime e) {
      log.warn(
          "Checked the stations against NOAA's metadata API only in part: {}. The configuration is"
              + " accepted; the tasks quarantine a unit NOAA rejects and log an ERROR naming the"
              + " fix. Validating again continues where this stopped (answers are kept for {})",
          e.getMessage(),
          CACHE_TIME);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn(
          "Station checks against NOAA's metadata API were interrupted; the configuration "
              + "is accepted unchecked");
    } catch (NoaaApiException | RuntimeException e) {
      log.warn(
          "Could not check stations against NOAA's metadata API at {} ({}); the "
              + "configuration is accepted unchecked",
          c.metadataUrl(),
          e.getMessage());
    }
  }

  /**
   * The metadata API's station list type ({@code stations.json?type=}) whose stations offer a
   * product. Coarse where NOAA has no finer list (every met product is {@code met}).
   */
  static String listType(NoaaProduct p) {
    return switch (p) {
      case WATER_LEVEL, ONE_MINUTE_WATER_LEVEL, HOURLY_HEIGHT, HIGH_LOW -> "waterlevels";
      case PREDICTIONS -> "tidepredictions";
      case WIND, AIR_TEMPERATURE, AIR_PRESSURE, HUMIDITY -> "met";
      case WATER_TEMPERATURE -> "watertemp";
      case CONDUCTIVITY, SALINITY -> "cond";
      case VISIBILITY -> "visibility";
      case AIR_GAP -> "airgap";
    };
  }

  /** Station ids of the plain list and of each product type's list. */
  private record Listed(Set<String> all, Map<String, Set<String>> byType) {

    boolean known(String id) {
      return all.contains(id) || byType.values().stream().anyMatch(ids -> ids.contains(id));
    }

    /** Whether station {@code id} offers {@code p}; true when NOAA's list for it is empty. */
    boolean offers(String id, NoaaProduct p) {
      Set<String> ids = byType.get(listType(p));
      return ids == null || ids.isEmpty() || ids.contains(id);
    }

    List<String> problems(NoaaSourceConfig c, List<String> ids) {
      return ids.stream()
          .filter(id -> !known(id) || c.products().stream().anyMatch(p -> !offers(id, p)))
          .toList();
    }
  }

  private static Listed listed(NoaaSourceConfig c, StationLookup lookup, Duration maxAge)
      throws NoaaApiException, OutOfTime, InterruptedException {
    Set<String> all = ids(lookup.list("", maxAge));
    Map<String, Set<String>> byType = new LinkedHashMap<>();
    for (NoaaProduct p : c.products()) {
      String type = listType(p);
      if (!byType.containsKey(type)) {
        Set<String> ids = ids(lookup.list(type, maxAge));
        if (ids.isEmpty()) {
          log.info(
              "NOAA's metadata API lists no station of type '{}'; {} is not checked against "
                  + "it",
              type,
              p.apiName());
        }
        byType.put(type, ids);
      }
    }
    return new Listed(all, byType);
  }

  private static Set<String> ids(List<StationDirectory.Listing> listings) {
    Set<String> out = new HashSet<>();
    listings.forEach(
        l -> {
          if (l.meta().id() != null) {
            out.add(l.meta().id());
          }
        });
    return out;
  }

  /** One message per problem kind, naming the stations. */
  private static void report(
      NoaaSourceConfig c, Map<String, ConfigValue> v, List<String> ids, Listed listed) {
    List<String> unknown = ids.stream().filter(id -> !listed.known(id)).toList();
    if (unknown.size() == 1) {
      error(
          v,
          NoaaSourceConfig.STATIONS,
          "Station "
              + unknown.get(0)
              + " is not a NOAA CO-OPS station (the metadata API does "
              + "not know it). Look the id up on https://tidesandcurrents.noaa.gov/ and fix or "
              + "remove it");
    } else if (!unknown.isEmpty()) {
      error(
          v,
          NoaaSourceConfig.STATIONS,
          "Stations "
              + names(unknown)
              + " are not NOAA CO-OPS stations (the metadata API "
              + "knows none of them). Look the ids up on https://tidesandcurrents.noaa.gov/ and "
              + "fix or remove them");
    }
    for (NoaaProduct p : c.products()) {
      List<String> lacking =
          ids.stream().filter(id -> listed.known(id) && !listed.offers(id, p)).toList();
      if (lacking.isEmpty()) {
        continue;
      }
      String why =
          " (NOAA's metadata API does not list "
              + (lacking.size() == 1 ? "it" : "them")
              + " among its '"
              + listType(p)
              + "' stations). Remove "
              + p.apiName()
              + " from "
              + NoaaSourceConfig.PRODUCTS
              + " or ";
      String escape =
          "; if you know NOAA serves it there, set " + NoaaSourceConfig.VALIDATE_NETWORK + "=false";
      error(
          v,
          NoaaSourceConfig.PRODUCTS,
          lacking.size() == 1
              ? "Station "
                  + lacking.get(0)
                  + " does not offer "
                  + p.apiName()
                  + why
                  + "station "
                  + lacking.get(0)
                  + " from "
                  + NoaaSourceConfig.STATIONS
                  + escape
              : "Stations "
                  + names(lacking)
                  + " do not offer "
                  + p.apiName()
                  + why
                  + "these stations from "
                  + NoaaSourceConfig.STATIONS
                  + escape);
    }
  }

  private static String names(List<String> ids) {
    if (ids.size() <= IDS_IN_MESSAGE) {
      return String.join(", ", ids);
    }
    return String.join(", ", ids.subList(0, IDS_IN_MESSAGE))
        + " and "
        + (ids.size() - IDS_IN_MESSAGE)
        + " more";
  }

  /**
   * Datums need one request per station: checked for small configurations only; in larger ones a
   * station without the datum is quarantined at runtime with an ERROR line naming the fix.
   */
  private static void checkDatums(
      NoaaSourceConfig c,
      Map<String, ConfigValue> v,
      List<String> ids,
      Listed listed,
      StationLookup lookup)
      throws NoaaApiException, OutOfTime, InterruptedException {
    String datum = c.datum();
    if (c.products().stream().noneMatch(NoaaProduct::usesDatum)
        || datum.equals("STND")
        || datum.equals("CRD")) {
      return; // every station has its station datum and the chart datum
    }
    List<String> known = ids.stream().filter(listed::known).toList();
    if (known.size() > DATUM_CHECK_MAX_STATIONS) {
      log.info(
          "Datum {} is not checked for each of the {} stations (validation checks it for up "
              + "to {}, one request each); a station without it is quarantined at runtime with an "
              + "ERROR line naming the fix",
          datum,
          known.size(),
          DATUM_CHECK_MAX_STATIONS);
      return;
    }
    for (String id : known) {
      Optional<StationDirectory.Details> d = lookup.details(id);
      if (d.isPresent()) {
        checkDatum(c, v, id, d.get().datums());
      }
    }
  }

  private static void checkDatum(
      NoaaSourceConfig c, Map<String, ConfigValue> v, String id, Set<String> datums) {
    if (datums == null || datums.isEmpty()) {
      return;
    }
    String datum = c.datum();
    if (datums.stream().noneMatch(d -> d.equals(datum) || d.startsWith(datum))) {
      error(
          v,
          NoaaSourceConfig.DATUM,
          "Station "
              + id
              + " has no datum "
              + datum
              + " (it has "
              + String.join(", ", datums)
              + "). Choose one of those in "
              + NoaaSourceConfig.DATUM
              + " or remove the station");
    }
  }

  private static void error(Map<String, ConfigValue> v, String key, String message) {
    ConfigValues.addError(v, key, message);
  }
}
