package io.tidestream.elastic.document;

import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;

/**
 * The slow path for JsonConverter envelopes the raw path does not copy itself: Connect's own
 * JsonConverter (schemas on, its defaults), as the worker would have run it, so such documents are
 * exactly what {@code value.converter=JsonConverter} gives. The class comes from the worker
 * (Connect loads {@code org.apache.kafka.connect.json} from its own class path when the plugin does
 * not carry it). Created on first use; not thread-safe, each task owns one.
 */
final class EnvelopeConverter {

  /** Thrown when the envelope does not convert; the message is safe for a header. */
  static final class NotConvertibleException extends Exception {
    private static final long serialVersionUID = 1L;

    NotConvertibleException(String message) {
      super(message, null, false, false);
    }
  }

  private JsonConverter converter;

  SchemaAndValue convert(String topic, byte[] envelope) throws NotConvertibleException {
    try {
      if (converter == null) {
        JsonConverter created = new JsonConverter();
        created.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "true"), false);
        converter = created;
      }
      return converter.toConnectData(topic, envelope);
    } catch (DataException e) {
      throw new NotConvertibleException(
          "value is a JsonConverter envelope whose payload does not match its schema: "
              + e.getMessage()
              + "; fix the producer, or set value.converter to JsonConverter to see the"
              + " worker's own error");
    } catch (LinkageError e) {
      throw new NotConvertibleException(
          "value is a JsonConverter envelope this sink cannot copy as it is, and Connect's"
              + " JsonConverter is not on the worker's class path to convert it; set"
              + " value.converter=org.apache.kafka.connect.json.JsonConverter on the connector");
    }
  }
}
