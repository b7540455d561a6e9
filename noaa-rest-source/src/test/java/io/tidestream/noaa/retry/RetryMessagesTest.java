package io.tidestream.noaa.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.api.NoaaProduct;
import io.tidestream.noaa.plan.UnitId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryMessagesTest {

  static final UnitId PRED = new UnitId("9447130", NoaaProduct.PREDICTIONS, "IGLD", "6");

  @Test
  void banLineSaysTheRateIsConnectorWideAndSharedSoTheFixIsToLowerIt() {
    String line =
        RetryMessages.ban(
            Duration.ofMinutes(15), 1, Duration.ofHours(6), 1.0, 7, Duration.ofSeconds(7));

    assertThat(line)
        .contains("403 Forbidden")
        .contains("stop for PT15M")
        .contains(
            "connector-wide: noaa.requests.per.second=1.0 is shared by the connector's 7 "
                + "task(s) in turn (each sends at most one request every PT7S, staggered)")
        .contains("adding tasks never adds requests")
        .contains("To fix: lower noaa.requests.per.second")
        .contains("nothing else on this host");
  }

  @Test
  void theQuarantineLineQuotesNoaaAndNamesTheKeysToFix() {
    NoaaApiException e =
        new NoaaApiException(
            NoaaErrorKind.DATUM,
            200,
            "datum error",
            "Please make sure the Datum input is valid.",
            "{}",
            null,
            null);

    String line = RetryMessages.quarantine(PRED, e, Instant.parse("2026-01-11T00:00:00Z"));

    assertThat(line)
        .contains("\"Please make sure the Datum input is valid.\"")
        .contains("quarantined until 2026-01-11T00:00:00Z")
        .contains("offers predictions with datum IGLD")
        .contains("stationhome.html?id=9447130")
        .contains("change noaa.products / noaa.datum");
  }

  @Test
  void the429LineSaysHowLongTheTaskPausesAndHowMuchSlowerItGoes() {
    NextStep step = NextStep.slowDown(Duration.ofMinutes(30), 1, true);

    String line = RetryMessages.throttled(PRED, step, 2, Duration.ofSeconds(7));

    assertThat(line)
        .contains("429")
        .contains("pause for PT30M as its Retry-After asks")
        .contains("one in 2 of its turns (one request every PT14S instead of PT7S)")
        .contains("lower noaa.requests.per.second");
  }

  @Test
  void theOutageLineCountsTheUnitsAndSaysTheyHold() {
    NoaaApiException e =
        new NoaaApiException(
            NoaaErrorKind.NO_DATA, 200, "no data", "No data was found.", "{}", null, null);

    String line = RetryMessages.outage(3, 4, Duration.ofMinutes(10), e);

    assertThat(line)
        .contains("3 of this task's 4 units")
        .contains("within PT10M")
        .contains("NO_DATA: No data was found.")
        .contains("hold their position");
  }

  @Test
  void theRetryLineNamesTheFailureNumberAndTheWait() {
    NoaaApiException e =
        new NoaaApiException(NoaaErrorKind.TRANSIENT, 504, "HTTP 504", null, "", null, null);
    NextStep step = NextStep.retryAfter(Duration.ofSeconds(4), 3, null);

    assertThat(RetryMessages.retry(PRED, e, step, true))
        .endsWith("HTTP 504 (failure 3 in a row); retrying in PT4S, other units continue");
    assertThat(RetryMessages.retry(PRED, e, step, false)).endsWith("retrying in PT4S");
  }
}
