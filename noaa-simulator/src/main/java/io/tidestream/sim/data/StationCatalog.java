package io.tidestream.sim.data;

import io.tidestream.sim.tide.Constituent;
import io.tidestream.sim.tide.Extreme;
import io.tidestream.sim.tide.Extremes;
import io.tidestream.sim.tide.TideModel;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The stations the simulator knows: the talk's five (Seattle, Key West, Providence, Prudhoe Bay,
 * Neah Bay) and optionally any number of generated ones for load tests, ids {@code 9900001} and up.
 *
 * <p>Seattle carries NOAA's published harmonic constituents and datums (from the recorded {@code
 * mdapi} response). The other four carry plausible amplitudes and phases of their main
 * constituents, in feet as NOAA lists them; their datums are derived from the model.
 */
public final class StationCatalog {

  /** The talk's stations, in the order the metadata API lists them. */
  public static final List<String> DEFAULT_STATION_IDS =
      List.of("8454000", "8724580", "9443090", "9447130", "9497645");

  private static final double FT = Constituent.Units.METRES_PER_FOOT;
  private static final EnumSet<Product> ALL_PRODUCTS = EnumSet.allOf(Product.class);

  private final Map<String, Station> stations;

  private StationCatalog(Map<String, Station> stations) {
    this.stations = java.util.Collections.unmodifiableMap(stations);
  }

  /** The default stations plus {@code generated} stations derived from {@code seed}. */
  public static StationCatalog create(long seed, int generated) {
    if (generated < 0 || generated > 99_999) {
      throw new IllegalArgumentException(
          "number of generated stations must be between 0 and 99999, was " + generated);
    }
    Map<String, Station> map = new TreeMap<>();
    for (Station s : defaultStations()) {
      map.put(s.id(), s);
    }
    for (int i = 1; i <= generated; i++) {
      Station s = generatedStation(seed, i);
      map.put(s.id(), s);
    }
    return new StationCatalog(map);
  }

  public Optional<Station> find(String id) {
    return Optional.ofNullable(id == null ? null : stations.get(id.trim()));
  }

  /** Every station, ordered by id. */
  public Collection<Station> all() {
    return stations.values();
  }

  public int size() {
    return stations.size();
  }

  private static List<Station> defaultStations() {
    List<Station> list = new ArrayList<>();
    list.add(seattle());
    list.add(
        derived(
            "8724580",
            "Key West",
            "FL",
            24.5557,
            -81.8079,
            "EST",
            -5,
            "America/New_York",
            "KYWF1",
            "NWLON",
            1.8,
            0.1,
            List.of(
                Constituent.standard("M2", 0.61, 62.0),
                Constituent.standard("S2", 0.19, 84.0),
                Constituent.standard("N2", 0.13, 44.0),
                Constituent.standard("K2", 0.05, 80.0),
                Constituent.standard("K1", 0.34, 186.0),
                Constituent.standard("O1", 0.31, 189.0),
                Constituent.standard("P1", 0.11, 184.0),
                Constituent.standard("Q1", 0.06, 182.0)),
            ALL_PRODUCTS));
    list.add(
        derived(
            "8454000",
            "Providence",
            "RI",
            41.807167,
            -71.400665,
            "EST",
            -5,
            "America/New_York",
            "FOXR1",
            "NWLORTS",
            2.5,
            0.05,
            List.of(
                Constituent.standard("M2", 2.22, 108.0),
                Constituent.standard("S2", 0.45, 134.0),
                Constituent.standard("N2", 0.52, 89.0),
                Constituent.standard("K2", 0.12, 132.0),
                Constituent.standard("K1", 0.27, 176.0),
                Constituent.standard("O1", 0.20, 200.0),
                Constituent.standard("M4", 0.25, 260.0)),
            ALL_PRODUCTS));
    EnumSet<Product> prudhoe = EnumSet.allOf(Product.class);
    prudhoe.remove(Product.WATER_TEMPERATURE);
    list.add(
        derived(
            "9497645",
            "Prudhoe Bay",
            "AK",
            70.41139,
            -148.53166,
            "AKST",
            -9,
            "America/Anchorage",
            "PRDA2",
            "NWLON",
            1.5,
            Double.NaN,
            List.of(
                Constituent.standard("M2", 0.24, 15.0),
                Constituent.standard("S2", 0.08, 60.0),
                Constituent.standard("N2", 0.05, 350.0),
                Constituent.standard("K1", 0.13, 181.0),
                Constituent.standard("O1", 0.06, 150.0)),
            prudhoe));
    list.add(
        derived(
            "9443090",
            "Neah Bay",
            "WA",
            48.370724,
            -124.601585,
            "PST",
            -8,
            "America/Los_Angeles",
            "NEAW1",
            "NWLON",
            2.9,
            0.3,
            List.of(
                Constituent.standard("M2", 2.45, 236.0),
                Constituent.standard("S2", 0.67, 262.0),
                Constituent.standard("N2", 0.51, 211.0),
                Constituent.standard("K2", 0.19, 258.0),
                Constituent.standard("K1", 2.28, 250.0),
                Constituent.standard("O1", 1.40, 232.0),
                Constituent.standard("P1", 0.71, 247.0),
                Constituent.standard("Q1", 0.25, 226.0)),
            ALL_PRODUCTS));
    return list;
  }

  /** Seattle 9447130 with NOAA's published harmonic constituents and datums (feet, phase GMT). */
  private static Station seattle() {
    List<Constituent> harcon =
        List.of(
            Constituent.fromFeet(
                "M2", "Principal lunar semidiurnal constituent", 3.49, 10.8, 28.984104),
            Constituent.fromFeet("S2", "Principal solar semidiurnal constituent", 0.88, 36.8, 30.0),
            Constituent.fromFeet(
                "N2", "Larger lunar elliptic semidiurnal constituent", 0.7, 341.1, 28.43973),
            Constituent.fromFeet("K1", "Lunar diurnal constituent", 2.74, 276.8, 15.041069),
            Constituent.fromFeet(
                "M4",
                "Shallow water overtides of principal lunar constituent",
                0.07,
                200.7,
                57.96821),
            Constituent.fromFeet("O1", "Lunar diurnal constituent", 1.51, 254.6, 13.943035),
            Constituent.fromFeet("MK3", "Shallow water terdiurnal", 0.12, 79.3, 44.025173),
            Constituent.fromFeet(
                "NU2", "Larger lunar evectional constituent", 0.14, 355.5, 28.512583),
            Constituent.fromFeet("MU2", "Variational constituent", 0.11, 238.9, 27.968208),
            Constituent.fromFeet(
                "2N2",
                "Lunar elliptical semidiurnal second-order constituent",
                0.08,
                313.1,
                27.895355),
            Constituent.fromFeet("OO1", "Lunar diurnal", 0.1, 330.2, 16.139101),
            Constituent.fromFeet(
                "LAM2", "Smaller lunar evectional constituent", 0.07, 49.9, 29.455626),
            Constituent.fromFeet(
                "M1", "Smaller lunar elliptic diurnal constituent", 0.08, 304.1, 14.496694),
            Constituent.fromFeet(
                "J1", "Smaller lunar elliptic diurnal constituent", 0.14, 313.4, 15.5854435),
            Constituent.fromFeet("SA", "Solar annual constituent", 0.23, 283.2, 0.0410686),
            Constituent.fromFeet(
                "Q1", "Larger lunar elliptic diurnal constituent", 0.24, 248.9, 13.398661),
            Constituent.fromFeet("P1", "Solar diurnal constituent", 0.84, 276.2, 14.958931),
            Constituent.fromFeet(
                "L2", "Smaller lunar elliptic semidiurnal constituent", 0.16, 58.7, 29.528479),
            Constituent.fromFeet(
                "2MK3", "Shallow water terdiurnal constituent", 0.11, 48.5, 42.92714),
            Constituent.fromFeet("K2", "Lunisolar semidiurnal constituent", 0.26, 37.7, 30.082138));
    Map<String, Double> datums = new LinkedHashMap<>();
    datums.put("STND", 0.0);
    datums.put("MHHW", 19.3 * FT);
    datums.put("MHW", 18.43 * FT);
    datums.put("DTL", 13.62 * FT);
    datums.put("MTL", 14.6 * FT);
    datums.put("MSL", 14.58 * FT);
    datums.put("MLW", 10.77 * FT);
    datums.put("MLLW", 7.94 * FT);
    datums.put("NAVD", 10.28 * FT);
    return new Station(
        "9447130",
        "Seattle",
        "WA",
        47.60264,
        -122.3393,
        "PST",
        -8,
        ZoneId.of("America/Los_Angeles"),
        "Mixed",
        "NWLON",
        "EBSW1",
        harcon,
        datums,
        ALL_PRODUCTS,
        false);
  }

  /**
   * A station whose datums are derived from its tide model: {@code mslAboveStnd} metres of mean sea
   * level above station datum, NAVD88 {@code navdBelowMsl} metres below MSL (NaN: no NAVD88).
   */
  private static Station derived(
      String id,
      String name,
      String state,
      double lat,
      double lng,
      String tz,
      int tzCorr,
      String zone,
      String shef,
      String affiliations,
      double mslAboveStnd,
      double navdBelowMsl,
      List<Constituent> harcon,
      EnumSet<Product> products) {
    TideModel model = new TideModel(harcon);
    Map<String, Double> datums = deriveDatums(model, mslAboveStnd, navdBelowMsl);
    return new Station(
        id,
        name,
        state,
        lat,
        lng,
        tz,
        tzCorr,
        ZoneId.of(zone),
        tideTypeOf(harcon),
        affiliations,
        shef,
        harcon,
        datums,
        products,
        false);
  }

  private static Station generatedStation(long seed, int index) {
    SplittableRandom random = new SplittableRandom(Noise.mix(seed * 31 + index));
    String id = String.format("99%05d", index);
    double m2 = 0.2 + random.nextDouble() * 1.3;
    double k1 = 0.1 + random.nextDouble() * 0.7;
    List<Constituent> harcon =
        List.of(
            Constituent.standard("M2", m2 / FT, random.nextDouble() * 360),
            Constituent.standard(
                "S2", m2 * (0.15 + random.nextDouble() * 0.15) / FT, random.nextDouble() * 360),
            Constituent.standard("N2", m2 * 0.2 / FT, random.nextDouble() * 360),
            Constituent.standard("K1", k1 / FT, random.nextDouble() * 360),
            Constituent.standard(
                "O1", k1 * (0.6 + random.nextDouble() * 0.2) / FT, random.nextDouble() * 360));
    double lat = 25 + random.nextDouble() * 23;
    double lng = -125 + random.nextDouble() * 55;
    int tzCorr = lng < -115 ? -8 : lng < -100 ? -7 : lng < -87 ? -6 : -5;
    String zone =
        tzCorr == -8
            ? "America/Los_Angeles"
            : tzCorr == -7
                ? "America/Denver"
                : tzCorr == -6 ? "America/Chicago" : "America/New_York";
    String abbreviation =
        tzCorr == -8 ? "PST" : tzCorr == -7 ? "MST" : tzCorr == -6 ? "CST" : "EST";
    TideModel model = new TideModel(harcon);
    Map<String, Double> datums =
        deriveDatums(model, 1.5 + random.nextDouble() * 2, 0.1 + random.nextDouble() * 0.2);
    return new Station(
        id,
        String.format("Simulated Station %05d", index),
        "ZZ",
        round(lat, 4),
        round(lng, 4),
        abbreviation,
        tzCorr,
        ZoneId.of(zone),
        tideTypeOf(harcon),
        "SIM",
        "SIM" + index % 10,
        harcon,
        datums,
        ALL_PRODUCTS,
        true);
  }

  /**
   * Tidal datums from 30 days of highs and lows of the model, like a short NOAA datum computation.
   */
  static Map<String, Double> deriveDatums(
      TideModel model, double mslAboveStnd, double navdBelowMsl) {
    List<Extreme> extremes =
        Extremes.find(
            model::heightAboveMsl, TideModel.EPOCH, TideModel.EPOCH.plus(Duration.ofDays(30)));
    List<String> labels = Extremes.labels(extremes);
    double highs = 0;
    double lows = 0;
    double higherHighs = 0;
    double lowerLows = 0;
    int nHigh = 0;
    int nLow = 0;
    int nHH = 0;
    int nLL = 0;
    for (int i = 0; i < extremes.size(); i++) {
      double h = extremes.get(i).height();
      switch (labels.get(i)) {
        case "HH":
          higherHighs += h;
          nHH++;
          highs += h;
          nHigh++;
          break;
        case "H":
          highs += h;
          nHigh++;
          break;
        case "LL":
          lowerLows += h;
          nLL++;
          lows += h;
          nLow++;
          break;
        default:
          lows += h;
          nLow++;
          break;
      }
    }
    double mhw = highs / nHigh;
    double mlw = lows / nLow;
    double mhhw = nHH == 0 ? mhw : higherHighs / nHH;
    double mllw = nLL == 0 ? mlw : lowerLows / nLL;
    Map<String, Double> datums = new LinkedHashMap<>();
    datums.put("STND", 0.0);
    datums.put("MHHW", round(mslAboveStnd + mhhw, 3));
    datums.put("MHW", round(mslAboveStnd + mhw, 3));
    datums.put("DTL", round(mslAboveStnd + (mhhw + mllw) / 2, 3));
    datums.put("MTL", round(mslAboveStnd + (mhw + mlw) / 2, 3));
    datums.put("MSL", mslAboveStnd);
    datums.put("MLW", round(mslAboveStnd + mlw, 3));
    datums.put("MLLW", round(mslAboveStnd + mllw, 3));
    if (!Double.isNaN(navdBelowMsl)) {
      datums.put("NAVD", round(mslAboveStnd - navdBelowMsl, 3));
    }
    return datums;
  }

  private static String tideTypeOf(List<Constituent> harcon) {
    double semidiurnal = amplitude(harcon, "M2") + amplitude(harcon, "S2");
    double diurnal = amplitude(harcon, "K1") + amplitude(harcon, "O1");
    double formFactor = semidiurnal == 0 ? Double.POSITIVE_INFINITY : diurnal / semidiurnal;
    if (formFactor < 0.25) {
      return "Semidiurnal";
    }
    return formFactor > 3 ? "Diurnal" : "Mixed";
  }

  private static double amplitude(List<Constituent> harcon, String name) {
    return harcon.stream()
        .filter(c -> c.name().equals(name))
        .mapToDouble(Constituent::amplitudeMetres)
        .sum();
  }

  private static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
