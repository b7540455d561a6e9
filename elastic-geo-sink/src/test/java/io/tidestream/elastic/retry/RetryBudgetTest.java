package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

  @Test
  void budgetIsMeasuredFromFirstFailureAndMayBeUnlimited() {
    RetryBudget budget = RetryBudget.of(Duration.ofMinutes(5));
    assertThat(budget.exhausted(1_000, 1_000 + 299_999)).isFalse();
    assertThat(budget.exhausted(1_000, 1_000 + 300_000)).isTrue();
    assertThat(RetryBudget.ofMillis(-1).exhausted(0, Long.MAX_VALUE)).isFalse();
  }
}
