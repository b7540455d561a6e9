package io.tidestream.noaa.config;

import static io.tidestream.noaa.config.NoaaSourceConfig.DATUM;
import static io.tidestream.noaa.config.NoaaSourceConfig.DATUMS;
import static io.tidestream.noaa.config.NoaaSourceConfig.G_PRODUCTS;
import static io.tidestream.noaa.config.NoaaSourceConfig.MET_INTERVAL;
import static io.tidestream.noaa.config.NoaaSourceConfig.PREDICTIONS_INTERVAL;
import static io.tidestream.noaa.config.NoaaSourceConfig.PRODUCTS;
import static io.tidestream.noaa.config.NoaaSourceConfig.UNITS;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.noaa.api.NoaaProduct;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The Products group: which datagetter products, and their datum, units and intervals. */
final class ProductConfigs {

  private ProductConfigs() {}

  static void addProductConfigs(ConfigDef def) {
    int o = 0;
    ChoiceValidator products = ChoiceValidator.of(NoaaProduct.apiNames()).caseSensitive();
    def.define(
        PRODUCTS,
        Type.LIST,
        "water_level",
        products,
        Importance.HIGH,
        "Comma-separated datagetter products to stream for every station. One source "
            + "partition (work unit) per station and product.",
        G_PRODUCTS,
        ++o,
        Width.LONG,
        "Products",
        products);
    ChoiceValidator datums = ChoiceValidator.of(DATUMS.toArray(String[]::new));
    def.define(
        DATUM,
        Type.STRING,
        "MLLW",
        datums,
        Importance.MEDIUM,
        "Vertical datum for water-level products and predictions. Great Lakes stations use "
            + "IGLD or LWD.",
        G_PRODUCTS,
        ++o,
        Width.SHORT,
        "Datum",
        datums);
    ChoiceValidator units = ChoiceValidator.of("metric", "english");
    def.define(
        UNITS,
        Type.STRING,
        "metric",
        units,
        Importance.MEDIUM,
        "Units of the values: metric or english.",
        G_PRODUCTS,
        ++o,
        Width.SHORT,
        "Units",
        units);
    ChoiceValidator predInt =
        ChoiceValidator.of("h", "1", "5", "6", "10", "15", "30", "60", "hilo");
    def.define(
        PREDICTIONS_INTERVAL,
        Type.STRING,
        "6",
        predInt,
        Importance.LOW,
        "Interval of tide predictions: minutes (1,5,6,10,15,30,60), h (hourly) or hilo (highs "
            + "and lows only).",
        G_PRODUCTS,
        ++o,
        Width.SHORT,
        "Predictions interval",
        predInt);
    ChoiceValidator metInt = ChoiceValidator.of("6", "h");
    def.define(
        MET_INTERVAL,
        Type.STRING,
        "6",
        metInt,
        Importance.LOW,
        "Interval of meteorological products (wind, temperatures, pressure, ...): 6 (minutes) "
            + "or h (hourly).",
        G_PRODUCTS,
        ++o,
        Width.SHORT,
        "Met interval",
        metInt);
  }
}
