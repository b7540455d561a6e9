package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.common.retry.ExponentialBackoff;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ItemRetryPolicyTest {

  private static final TopicPartition TP = new TopicPartition("noaa", 1);
  private static final Decision.Retry REJECTED =
      new Decision.Retry("es_rejected_execution_exception", "es_rejected_execution_exception", 429);

  /** Backoff without randomness at its ceiling: 100, 200, 400, … ms, capped at 10 s. */
  private final ExponentialBackoff backoff =
      new ExponentialBackoff(Duration.ofMillis(100), Duration.ofSeconds(10), () -> 0.999999);

  @Test
  void theFirstRefusalStartsTheStreakAndBacksOff() {
    ItemRetryPolicy policy = new ItemRetryPolicy(RetryBudget.ofMillis(60_000), backoff);
    assertThat(policy.next(-1, 0, 1_000, REJECTED, TP, 7))
        .isEqualTo(new ItemRetryPolicy.Again(1_000, 1, 1_100));
    assertThat(policy.next(1_000, 1, 1_100, REJECTED, TP, 7))
        .isEqualTo(new ItemRetryPolicy.Again(1_000, 2, 1_300));
    assertThat(policy.next(1_000, 2, 1_300, REJECTED, TP, 7))
        .isEqualTo(new ItemRetryPolicy.Again(1_000, 3, 1_700));
  }

  @Test
  void theBudgetCountsFromTheFirstRefusal() {
    ItemRetryPolicy policy = new ItemRetryPolicy(RetryBudget.ofMillis(60_000), backoff);
    assertThat(policy.next(1_000, 9, 60_999, REJECTED, TP, 7))
        .isInstanceOf(ItemRetryPolicy.Again.class);
    ItemRetryPolicy.Next spent = policy.next(1_000, 10, 61_000, REJECTED, TP, 7);
    assertThat(spent).isInstanceOf(ItemRetryPolicy.GiveUp.class);
    assertThat(((ItemRetryPolicy.GiveUp) spent).message())
        .contains(
            "noaa-1 offset 7",
            "es_rejected_execution_exception (HTTP 429)",
            "retry.budget.ms",
            "nothing was committed past it");
  }

  @Test
  void aFirstRefusalIsRetriedEvenWithAZeroBudget() {
    ItemRetryPolicy policy = new ItemRetryPolicy(RetryBudget.ofMillis(0), backoff);
    assertThat(policy.next(-1, 0, 5_000, REJECTED, TP, 7))
        .isInstanceOf(ItemRetryPolicy.Again.class);
    assertThat(policy.next(5_000, 1, 5_100, REJECTED, TP, 7))
        .isInstanceOf(ItemRetryPolicy.GiveUp.class);
  }

  @Test
  void anInfiniteBudgetNeverGivesUpAndTheBackoffIsCapped() {
    ItemRetryPolicy policy = new ItemRetryPolicy(RetryBudget.ofMillis(-1), backoff);
    ItemRetryPolicy.Next next = policy.next(0, 40, 86_400_000L * 365, REJECTED, TP, 7);
    assertThat(next).isEqualTo(new ItemRetryPolicy.Again(0, 41, 86_400_000L * 365 + 10_000));
  }

  @Test
  void anOutageLongerThanTheBudgetDoesNotSpendIt() {
    ItemRetryPolicy policy = new ItemRetryPolicy(RetryBudget.ofMillis(60_000), backoff);
    long first = 1_000;
    // refused at 1 s, then the engine was down from 2 s to 302 s (five minutes, five budgets)
    long moved = ItemRetryPolicy.excuse(first, 300_000);
    assertThat(moved).isEqualTo(301_000);
    assertThat(policy.next(moved, 3, 302_000, REJECTED, TP, 7))
        .as("1 s of refusals counted, not 301 s")
        .isInstanceOf(ItemRetryPolicy.Again.class);
    assertThat(policy.next(first, 3, 302_000, REJECTED, TP, 7))
        .as("without the excuse: spent")
        .isInstanceOf(ItemRetryPolicy.GiveUp.class);
    assertThat(policy.next(moved, 3, 361_000, REJECTED, TP, 7))
        .as("refused for 60 s while answering: spent")
        .isInstanceOf(ItemRetryPolicy.GiveUp.class);
  }

  @Test
  void anItemNeverRefusedHasNoStreakToMove() {
    assertThat(ItemRetryPolicy.excuse(-1, 300_000)).isEqualTo(-1);
  }
}
