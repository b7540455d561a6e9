package io.tidestream.elastic;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;

/** Lets tests in other packages run the connector's validation and see errors by key. */
public final class ElasticGeoSinkConnectorAccess {

  private ElasticGeoSinkConnectorAccess() {}

  public static Map<String, List<String>> errors(Map<String, String> props) {
    return new ElasticGeoSinkConnector()
        .validate(props).configValues().stream()
            .filter(v -> !v.errorMessages().isEmpty())
            .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
  }
}
