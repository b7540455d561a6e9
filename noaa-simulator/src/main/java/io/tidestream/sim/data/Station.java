package io.tidestream.sim.data;

import io.tidestream.sim.tide.Constituent;
import io.tidestream.sim.tide.TideModel;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated NOAA station: identity and position as the metadata API shows them, its harmonic
 * constituents, its datums and the products it offers.
 *
 * <p>Datums are heights in metres above station datum ({@code STND}), keyed by the names the
 * datagetter accepts ({@code MLLW}, {@code MSL}, {@code NAVD}, ...).
 */
public final class Station {

  private final String id;
  private final String name;
  private final String state;
  private final double lat;
  private final double lng;
  private final String timezoneAbbreviation;
  private final int timezoneCorrection;
  private final ZoneId localZone;
  private final String tideType;
  private final String affiliations;
  private final String shefCode;
  private final Map<String, Double> datums;
  private final Set<Product> products;
  private final TideModel tideModel;
  private final boolean generated;

  Station(
      String id,
      String name,
      String state,
      double lat,
      double lng,
      String timezoneAbbreviation,
      int timezoneCorrection,
      ZoneId localZone,
      String tideType,
      String affiliations,
      String shefCode,
      List<Constituent> harcon,
      Map<String, Double> datums,
      Set<Product> products,
      boolean generated) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = Objects.requireNonNull(name, "name");
    this.state = state;
    this.lat = lat;
    this.lng = lng;
    this.timezoneAbbreviation = timezoneAbbreviation;
    this.timezoneCorrection = timezoneCorrection;
    this.localZone = localZone;
    this.tideType = tideType;
    this.affiliations = affiliations;
    this.shefCode = shefCode;
    this.datums = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(datums));
    this.products = Set.copyOf(products);
    this.tideModel = new TideModel(harcon);
    this.generated = generated;
    if (!this.datums.containsKey("MSL") || !this.datums.containsKey("MLLW")) {
      throw new IllegalArgumentException(
          "station " + id + " needs at least the MSL and MLLW datums");
    }
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String state() {
    return state;
  }

  public double lat() {
    return lat;
  }

  public double lng() {
    return lng;
  }

  public String timezoneAbbreviation() {
    return timezoneAbbreviation;
  }

  /** Hours from GMT of local standard time, NOAA's {@code timezonecorr}. */
  public int timezoneCorrection() {
    return timezoneCorrection;
  }

  /** Local standard time ({@code time_zone=lst}). */
  public ZoneId standardZone() {
    return ZoneOffset.ofHours(timezoneCorrection);
  }

  /** Local time with daylight saving ({@code time_zone=lst_ldt}). */
  public ZoneId localZone() {
    return localZone;
  }

  public String tideType() {
    return tideType;
  }

  public String affiliations() {
    return affiliations;
  }

  public String shefCode() {
    return shefCode;
  }

  public List<Constituent> harcon() {
    return tideModel.constituents();
  }

  public TideModel tideModel() {
    return tideModel;
  }

  /** Datum heights in metres above station datum, in the order NOAA lists them. */
  public Map<String, Double> datums() {
    return datums;
  }

  /** Height of {@code datum} above station datum in metres, if the station offers it. */
  public Optional<Double> datum(String datum) {
    return Optional.ofNullable(datums.get(datum));
  }

  public Set<Product> products() {
    return products;
  }

  public boolean offers(Product product) {
    return products.contains(product);
  }

  /** Whether the station was generated for load tests (not one of the talk's stations). */
  public boolean isGenerated() {
    return generated;
  }

  @Override
  public String toString() {
    return "Station[" + id + " " + name + "]";
  }
}
