package io.tidestream.elastic.config;

import static io.tidestream.elastic.config.ElasticGeoSinkConfig.ID_STRATEGY;

import io.tidestream.common.config.ChoiceValidator;
import io.tidestream.common.config.ConfigValues;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigValue;

/** The Write semantics group: which bulk action a record becomes, and its cross-field rules. */
public final class WriteConfigs {

  public static final String WRITE_METHOD = "write.method";

  static final String GROUP_WRITE = "Write semantics";

  private WriteConfigs() {}

  static void addWriteConfigs(ConfigDef def) {
    int order = 0;
    ChoiceValidator methods = ChoiceValidator.of(WriteMethod.class);
    def.define(
        WRITE_METHOD,
        Type.STRING,
        ChoiceValidator.toConfigValue(WriteMethod.INDEX),
        methods,
        Importance.HIGH,
        "The bulk action each record becomes. index: the record replaces the whole document with"
            + " its id. upsert: the record's fields are merged into the document (a partial"
            + " update: fields the record lacks keep their value), which is made if it does not"
            + " exist. create: the first record with an id makes the document; a later one with"
            + " the same id is a version conflict that counts as done, not dead-lettered. upsert"
            + " and create need ids from the record ("
            + ID_STRATEGY
            + " other than engine). Versions of one id are written one at a time, in record"
            + " order. Tombstones follow behavior.on.null.values.",
        GROUP_WRITE,
        ++order,
        Width.SHORT,
        "Write method",
        methods);
  }

  /** The cross-field rules of this group, run by {@link ConfigChecks#crossField}. */
  static void check(ElasticGeoSinkConfig config, Map<String, ConfigValue> values) {
    WriteMethod method = config.writeMethod();
    if (method != WriteMethod.INDEX && config.idStrategy() == IdStrategy.ENGINE) {
      String name = ChoiceValidator.toConfigValue(method);
      ConfigValues.addError(
          values,
          WRITE_METHOD,
          WRITE_METHOD
              + "="
              + name
              + " needs a document id taken from the record, but "
              + ID_STRATEGY
              + "=engine lets the engine invent one per write, so there is nothing to "
              + (method == WriteMethod.UPSERT ? "update" : "detect as already there")
              + "; set "
              + ID_STRATEGY
              + " to record-fields (with document.id.fields), record-key or kafka-coordinates,"
              + " or "
              + WRITE_METHOD
              + "=index");
    }
  }
}
