package io.tidestream.sim.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerFaultsTest {

  private static Map<String, String> row(String t, String v) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("t", t);
    row.put("v", v);
    row.put("f", v.isEmpty() ? "1,1,1,1" : "0,0,0,0");
    return row;
  }

  @Test
  void aGapInTheMiddlePassesTheValueToTheNextRowWithOne() {
    List<Map<String, String>> rows =
        List.of(row("00:00", "1.0"), row("00:06", ""), row("00:12", "1.2"));

    List<Map<String, String>> out = AnswerFaults.withNonNumericValue(rows);

    assertThat(out.get(1)).isEqualTo(rows.get(1));
    assertThat(out.get(2))
        .containsEntry("v", "NaN")
        .containsEntry("t", "00:12")
        .containsEntry("f", "0,0,0,0");
    assertThat(out.get(2).keySet()).containsExactly("t", "v", "f");
    assertThat(rows.get(2)).as("the input is not changed").containsEntry("v", "1.2");
  }

  @Test
  void rowsWithoutAnyValueStayAsTheyAre() {
    List<Map<String, String>> rows = List.of(row("00:00", ""), row("00:06", ""));

    assertThat(AnswerFaults.withNonNumericValue(rows)).isEqualTo(rows);
    assertThat(AnswerFaults.withNonNumericValue(List.of())).isEmpty();
  }

  @Test
  void theByteOrderMarkGoesInFront() {
    assertThat(AnswerFaults.withByteOrderMark(new byte[] {'{', '}'}))
        .containsExactly(0xEF, 0xBB, 0xBF, '{', '}');
  }
}
