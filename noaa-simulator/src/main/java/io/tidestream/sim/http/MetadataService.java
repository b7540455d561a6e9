package io.tidestream.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.sim.data.Formats;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.data.Station;
import io.tidestream.sim.data.StationCatalog;
import io.tidestream.sim.tide.Constituent;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata API ({@code /mdapi/prod/webapi/...}): the station list and one station with its
 * expandable resources {@code details}, {@code datums}, {@code harcon}, {@code products}, {@code
 * sensors}. Numbers are JSON numbers and longitude is {@code lng}, as NOAA does here (unlike the
 * datagetter). Heights are in feet unless {@code units=metric}.
 */
public final class MetadataService {

  public static final String PREFIX = "/mdapi/prod/webapi";
  private static final Pattern STATION =
      Pattern.compile(
          PREFIX + "/stations/([^/]+?)(?:/(details|datums|harcon|products|sensors))?\\.json");
  private static final List<String> RESOURCES =
      List.of("details", "sensors", "datums", "harcon", "products");

  private final StationCatalog stations;
  private final Supplier<String> baseUrl;
  private final ObjectMapper mapper;

  public MetadataService(StationCatalog stations, Supplier<String> baseUrl, ObjectMapper mapper) {
    this.stations = stations;
    this.baseUrl = baseUrl;
    this.mapper = mapper;
  }

  public SimResponse handle(String path, QueryParams params) {
    boolean metric = "metric".equalsIgnoreCase(params.get("units"));
    if (path.equals(PREFIX + "/stations.json")) {
      return json(200, stationList(params.get("type"), metric));
    }
    Matcher m = STATION.matcher(path);
    if (!m.matches()) {
      return notFound("No metadata resource at " + path);
    }
    Station station = stations.find(m.group(1)).orElse(null);
    if (station == null) {
      return notFound("Station " + m.group(1) + " not found");
    }
    String resource = m.group(2);
    if (resource != null) {
      return json(200, resource(station, resource, metric));
    }
    Set<String> expand = new LinkedHashSet<>();
    String expandParam = params.get("expand");
    if (expandParam != null) {
      // NOAA's own clients sometimes glue "?units=..." onto expand; ignore what we do not know.
      Arrays.stream(expandParam.split("[,?]"))
          .map(s -> s.trim().toLowerCase(Locale.ROOT))
          .forEach(expand::add);
    }
    ObjectNode root = mapper.createObjectNode();
    root.put("count", 1);
    root.putNull("units");
    ArrayNode list = root.putArray("stations");
    list.add(stationNode(station, expand, metric));
    root.putNull("self");
    return json(200, root);
  }

  private ObjectNode stationList(String type, boolean metric) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = mapper.createArrayNode();
    for (Station s : stations.all()) {
      if (matchesType(s, type)) {
        list.add(stationNode(s, Set.of(), metric));
      }
    }
    root.put("count", list.size());
    root.putNull("units");
    root.set("stations", list);
    return root;
  }

  private static boolean matchesType(Station station, String type) {
    if (type == null) {
      return true;
    }
    switch (type.toLowerCase(Locale.ROOT)) {
      case "waterlevels":
      case "historicwl":
      case "datums":
      case "harcon":
      case "tidepredictions":
        return station.offers(Product.WATER_LEVEL) || station.offers(Product.PREDICTIONS);
      case "met":
      case "waterlevelsandmet":
        return station.offers(Product.WIND) || station.offers(Product.AIR_TEMPERATURE);
      case "watertemp":
      case "physocean":
        return station.offers(Product.WATER_TEMPERATURE);
      default:
        return false;
    }
  }

  private ObjectNode stationNode(Station s, Set<String> expand, boolean metric) {
    String self = baseUrl.get() + PREFIX + "/stations/" + s.id();
    ObjectNode node = mapper.createObjectNode();
    node.put("tidal", true);
    node.put("greatlakes", false);
    node.put("shefcode", s.shefCode());
    for (String resource : RESOURCES) {
      String key = resource.equals("harcon") ? "harmonicConstituents" : resource;
      if (expand.contains(resource)) {
        node.set(key, resource(s, resource, metric));
      } else {
        node.putObject(key).put("self", self + "/" + resource + ".json");
      }
    }
    node.put("state", s.state());
    node.put("timezone", s.timezoneAbbreviation());
    node.put("timezonecorr", s.timezoneCorrection());
    node.put("observedst", !s.localZone().getRules().isFixedOffset());
    node.put("stormsurge", false);
    node.put("forecast", false);
    node.put("outlook", false);
    node.put("HTFhistorical", false);
    node.put("HTFmonthly", false);
    node.put("nonNavigational", false);
    node.put("id", s.id());
    node.put("name", s.name());
    node.put("lat", s.lat());
    node.put("lng", s.lng());
    node.put("affiliations", s.affiliations());
    node.putNull("portscode");
    node.put("self", self + ".json");
    node.put("expand", String.join(",", RESOURCES));
    node.put("tideType", s.tideType());
    return node;
  }

  private ObjectNode resource(Station s, String resource, boolean metric) {
    String self = baseUrl.get() + PREFIX + "/stations/" + s.id() + "/" + resource + ".json";
    ObjectNode node = mapper.createObjectNode();
    double toUnits = metric ? 1.0 : 1.0 / Constituent.Units.METRES_PER_FOOT;
    String unitName = metric ? "meters" : "feet";
    switch (resource) {
      case "details":
        node.put("id", s.id());
        node.put("established", "");
        node.put("removed", "");
        node.put("noaachart", "");
        node.put("timemeridian", s.timezoneCorrection() * 15);
        node.put("timezone", (double) s.timezoneCorrection());
        node.put("origyear", "");
        break;
      case "datums":
        {
          node.put("accepted", "");
          node.put("superseded", "");
          node.put("epoch", "1983-2001");
          node.put("units", unitName);
          node.put("OrthometricDatum", s.datum("NAVD").isPresent() ? "NAVD88" : "");
          ArrayNode datums = node.putArray("datums");
          for (Map.Entry<String, Double> d : s.datums().entrySet()) {
            ObjectNode datum = datums.addObject();
            datum.put("name", d.getKey().equals("NAVD") ? "NAVD88" : d.getKey());
            datum.put("description", describeDatum(d.getKey()));
            datum.put("value", round(d.getValue() * toUnits, 3));
          }
          break;
        }
      case "harcon":
        {
          node.put("units", unitName);
          ArrayNode list = node.putArray("HarmonicConstituents");
          int number = 1;
          for (Constituent c : s.harcon()) {
            ObjectNode h = list.addObject();
            h.put("number", number++);
            h.put("name", c.name());
            h.put("description", c.description());
            h.put("amplitude", round(c.amplitudeMetres() * toUnits, 3));
            h.put("phase_GMT", c.phaseGmtDegrees());
            h.put(
                "phase_local",
                round(
                    Math.floorMod(
                            Math.round(
                                (c.phaseGmtDegrees()
                                        + c.speedDegreesPerHour() * s.timezoneCorrection())
                                    * 10),
                            3600)
                        / 10.0,
                    1));
            h.put("speed", c.speedDegreesPerHour());
          }
          break;
        }
      case "products":
        {
          ArrayNode list = node.putArray("products");
          list.addObject().put("name", "Water Levels").put("value", page("waterlevels.html", s));
          list.addObject()
              .put("name", "Tide Predictions")
              .put("value", page("noaatidepredictions.html", s));
          list.addObject().put("name", "Meteorological").put("value", page("met.html", s));
          list.addObject().put("name", "Datums").put("value", page("datums.html", s));
          list.addObject().put("name", "Harmonic").put("value", page("harcon.html", s));
          break;
        }
      default:
        {
          node.put("units", unitName);
          ArrayNode list = node.putArray("sensors");
          addSensor(list, s, Product.WATER_LEVEL, "Y1", "Microwave WL");
          addSensor(list, s, Product.WIND, "C1", "Wind");
          addSensor(list, s, Product.AIR_TEMPERATURE, "D1", "Air Temperature");
          addSensor(list, s, Product.WATER_TEMPERATURE, "E1", "Water Temperature");
          addSensor(list, s, Product.AIR_PRESSURE, "F1", "Barometric Pressure");
          break;
        }
    }
    node.put("self", self);
    return node;
  }

  private static void addSensor(
      ArrayNode list, Station s, Product product, String id, String name) {
    if (s.offers(product)) {
      ObjectNode sensor = list.addObject();
      sensor.put("status", 1);
      sensor.put("refdatum", "");
      sensor.put("sensorID", id);
      sensor.put("name", name);
      sensor.putNull("elevation");
      sensor.put("message", "");
      sensor.put("dcp", 1);
    }
  }

  private static String page(String page, Station s) {
    return "https://tidesandcurrents.noaa.gov/" + page + "?id=" + s.id();
  }

  private static String describeDatum(String name) {
    switch (name) {
      case "STND":
        return "Station Datum";
      case "MHHW":
        return "Mean Higher-High Water";
      case "MHW":
        return "Mean High Water";
      case "DTL":
        return "Mean Diurnal Tide Level";
      case "MTL":
        return "Mean Tide Level";
      case "MSL":
        return "Mean Sea Level";
      case "MLW":
        return "Mean Low Water";
      case "MLLW":
        return "Mean Lower-Low Water";
      case "NAVD":
        return "North American Vertical Datum of 1988";
      default:
        return name;
    }
  }

  private static double round(double v, int decimals) {
    return Double.parseDouble(Formats.fixed(v, decimals));
  }

  private SimResponse notFound(String message) {
    ObjectNode node = mapper.createObjectNode();
    node.put("message", message);
    return json(404, node);
  }

  private SimResponse json(int status, ObjectNode node) {
    try {
      return SimResponse.json(status, mapper.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metadata", e);
    }
  }
}
