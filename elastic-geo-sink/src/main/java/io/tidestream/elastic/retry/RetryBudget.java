package io.tidestream.elastic.retry;

import java.time.Duration;

/**
 * How long something may keep failing before we give up, measured from its first failure. A
 * negative budget means "never give up".
 */
public final class RetryBudget {

  private final long budgetMs;

  private RetryBudget(long budgetMs) {
    this.budgetMs = budgetMs;
  }

  public static RetryBudget of(Duration budget) {
    return new RetryBudget(budget.toMillis());
  }

  public static RetryBudget unlimited() {
    return new RetryBudget(-1);
  }

  /** {@code millis < 0} means unlimited. */
  public static RetryBudget ofMillis(long millis) {
    return new RetryBudget(millis < 0 ? -1 : millis);
  }

  public boolean isUnlimited() {
    return budgetMs < 0;
  }

  /**
   * True when a failure streak that started at {@code firstFailureMs} may not be retried at {@code
   * nowMs}.
   */
  public boolean exhausted(long firstFailureMs, long nowMs) {
    return budgetMs >= 0 && nowMs - firstFailureMs >= budgetMs;
  }

  public long millis() {
    return budgetMs;
  }

  @Override
  public String toString() {
    return isUnlimited() ? "unlimited" : Duration.ofMillis(budgetMs).toString();
  }
}
