package io.tidestream.noaa.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.parse.ParsedResponse.MalformedRow;
import io.tidestream.noaa.parse.ParsedResponse.RowProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerWatchTest {

  private final AnswerWatch watch = new AnswerWatch();

  private List<Boolean> rejections(String unit, BodyRejection reason, int n) {
    List<Boolean> warned = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      warned.add(watch.rejected(unit, reason));
    }
    return warned;
  }

  @Test
  void warnsOnceAtTheFifthSameRejectionInARowAndAgainOnlyAfterAReadAnswer() {
    assertThat(rejections("a", BodyRejection.NOT_JSON, 12))
        .containsExactly(
            false, false, false, false, true, false, false, false, false, false, false, false);
    assertThat(watch.read("a"))
        .hasValueSatisfying(
            s -> {
              assertThat(s.reason()).isEqualTo(BodyRejection.NOT_JSON);
              assertThat(s.count()).isEqualTo(12);
            });
    assertThat(rejections("a", BodyRejection.NOT_JSON, 5))
        .containsExactly(false, false, false, false, true);
  }

  @Test
  void aDifferentReasonStartsANewStreakAndUnitsAreApart() {
    rejections("a", BodyRejection.NOT_JSON, 4);
    assertThat(watch.rejected("a", BodyRejection.INVALID_JSON)).isFalse();
    assertThat(watch.streak("a")).hasValueSatisfying(s -> assertThat(s.count()).isEqualTo(1));
    rejections("b", BodyRejection.NOT_JSON, 4);
    assertThat(rejections("a", BodyRejection.INVALID_JSON, 4))
        .containsExactly(false, false, false, true);
  }

  @Test
  void aReadAnswerAfterAQuietStreakHasNothingToSay() {
    rejections("a", BodyRejection.EMPTY_BODY, 3);

    assertThat(watch.read("a")).isEmpty();
    assertThat(watch.streak("a")).isEmpty();
  }

  @Test
  void malformedRowsAreNewOnlyWhenTheUnitsPreviousAnswerDidNotHaveThem() {
    MalformedRow x = new MalformedRow(0, "x", RowProblem.UNREADABLE_TIME, "{\"t\":\"x\"}");
    MalformedRow y = new MalformedRow(3, null, RowProblem.MISSING_TIME, "{\"v\":\"1\"}");

    assertThat(watch.newlyMalformed("a", List.of(x))).containsExactly(x);
    assertThat(watch.newlyMalformed("b", List.of(x))).as("another unit").containsExactly(x);
    assertThat(watch.newlyMalformed("a", List.of(x, y))).containsExactly(y);
    assertThat(watch.newlyMalformed("a", List.of())).isEmpty();
    assertThat(watch.newlyMalformed("a", List.of(x)))
        .as("after an answer without it")
        .containsExactly(x);
  }
}
