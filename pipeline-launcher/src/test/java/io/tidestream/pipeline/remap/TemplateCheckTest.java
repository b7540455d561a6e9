package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidestream.pipeline.LauncherException;
import io.tidestream.pipeline.process.JsonHttp;
import org.junit.jupiter.api.Test;

class TemplateCheckTest {

  @Test
  void everyShapeTheSinkTakesBecomesOneSimulateBody() throws Exception {
    String bare = "{\"mappings\":{\"properties\":{\"value\":{\"type\":\"float\"}}}}";
    String composable =
        "{\"index_patterns\":[\"x*\"],\"template\":{\"mappings\":{\"properties\":"
            + "{\"value\":{\"type\":\"float\"}}}}}";
    String expected =
        "{\"index_patterns\":[\"p\"],\"priority\":999999,\"template\":{\"mappings\":"
            + "{\"properties\":{\"value\":{\"type\":\"float\"}}}}}";
    assertThat(TemplateCheck.simulateBody(bare, "p").toString()).isEqualTo(expected);
    assertThat(TemplateCheck.simulateBody(composable, "p").toString()).isEqualTo(expected);
    assertThatThrownBy(() -> TemplateCheck.simulateBody("{\"x\":1", "p"))
        .isInstanceOf(LauncherException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> TemplateCheck.simulateBody("{}", "p")).hasMessageContaining("neither");
  }

  @Test
  void theFirstRejectedDocumentIsTheReason() throws Exception {
    String answer =
        "{\"errors\":true,\"items\":[{\"index\":{\"_id\":\"a\",\"status\":201}},"
            + "{\"index\":{\"_id\":\"b\",\"status\":400,\"error\":{\"type\":"
            + "\"mapper_parsing_exception\",\"reason\":\"failed to parse field [value] of type"
            + " [long]\",\"caused_by\":{\"type\":\"illegal_argument_exception\",\"reason\":"
            + "\"For input string: 1.5\"}}}}]}";
    assertThat(TemplateCheck.firstRejection(JsonHttp.MAPPER.readTree(answer)))
        .contains(
            "document b: mapper_parsing_exception: failed to parse field [value] of type [long]"
                + " (illegal_argument_exception: For input string: 1.5)");
    assertThat(TemplateCheck.firstRejection(JsonHttp.MAPPER.readTree("{\"errors\":false}")))
        .isEmpty();
  }
}
