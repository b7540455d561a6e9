package io.tidestream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriterTest {

  @Test
  void theDefaultListHasTheNewDefaultAtTwoAndFourTasksSchemalessAndThePreviousConverter() {
    List<Writer> writers = Writer.parseAll(List.of(Writer.DEFAULTS.split(",")));
    assertThat(writers)
        .containsExactly(
            Writer.DEFAULT,
            new Writer(Writer.Format.DEFAULT, Writer.Converter.BYTES, 4),
            Writer.SCHEMALESS,
            Writer.PREVIOUS_DEFAULT);
    assertThat(writers.get(0).id()).isEqualTo("default:bytes:2");
  }

  @Test
  void eachWriterNamesItsConverterAndTopic() {
    assertThat(Writer.DEFAULT.converterConfig())
        .isEqualTo(
            Map.of("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter"));
    assertThat(Writer.PREVIOUS_DEFAULT.converterConfig())
        .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
        .containsEntry("value.converter.schemas.enable", "true");
    assertThat(Writer.parse("schemaless:json:1").converterConfig())
        .containsEntry("value.converter.schemas.enable", "false");
    assertThat(Writer.SCHEMALESS.format().topic).isEqualTo("bench.water_level.schemaless");
    assertThat(Writer.PREVIOUS_DEFAULT.label())
        .isEqualTo("sink, default format, JsonConverter (schemas), tasks.max=2");
  }

  @Test
  void aWrongWriterSaysWhatIsAllowed() {
    assertThatThrownBy(() -> Writer.parse("default:bytes"))
        .hasMessageContaining("FORMAT:CONVERTER:TASKS");
    assertThatThrownBy(() -> Writer.parse("avro:bytes:2"))
        .hasMessageContaining("default or schemaless");
    assertThatThrownBy(() -> Writer.parse("default:bytes:x")).hasMessageContaining("a number");
    assertThatThrownBy(() -> Writer.parse("default:bytes:0")).hasMessageContaining("at least 1");
  }
}
