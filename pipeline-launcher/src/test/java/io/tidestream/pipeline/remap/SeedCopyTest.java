package io.tidestream.pipeline.remap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.process.JsonHttp;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeedCopyTest {

  @Test
  void eachHitIsCreatedUnderItsOwnIdSoWhatTheConnectorWroteIsKept() throws Exception {
    String hits = "[{\"_id\":\"a\",\"_source\":{\"v\":1}},{\"_id\":\"b\",\"_source\":{\"v\":2}}]";
    assertThat(SeedCopy.body(JsonHttp.MAPPER.readTree(hits), "t-v2"))
        .isEqualTo(
            "{\"create\":{\"_index\":\"t-v2\",\"_id\":\"a\"}}\n{\"v\":1}\n"
                + "{\"create\":{\"_index\":\"t-v2\",\"_id\":\"b\"}}\n{\"v\":2}\n");
  }

  @Test
  void conflictsAreDocumentsAlreadyThereAndAnythingElseIsAFailure() throws Exception {
    String answer =
        "{\"items\":[{\"create\":{\"_id\":\"a\",\"status\":201}},"
            + "{\"create\":{\"_id\":\"b\",\"status\":409,\"error\":{\"type\":"
            + "\"version_conflict_engine_exception\",\"reason\":\"exists\"}}}]}";
    assertThat(SeedCopy.tally(JsonHttp.MAPPER.readTree(answer)))
        .isEqualTo(new SeedCopy.Tally(1, 1, Optional.empty()));
    String refused =
        "{\"items\":[{\"create\":{\"_id\":\"c\",\"status\":400,\"error\":{\"type\":"
            + "\"mapper_parsing_exception\",\"reason\":\"failed to parse field [value]\"}}}]}";
    assertThat(SeedCopy.tally(JsonHttp.MAPPER.readTree(refused)).failure())
        .contains("document c: HTTP 400 mapper_parsing_exception: failed to parse field [value]");
  }
}
