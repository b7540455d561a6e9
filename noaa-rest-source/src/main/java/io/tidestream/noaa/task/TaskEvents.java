package io.tidestream.noaa.task;

import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.parse.ParsedResponse;

/** What the task noticed in NOAA's answers, for its metrics; called on the polling thread. */
public interface TaskEvents {
  /** An answer was not read as data for {@code reason} (it also counts as a transient failure). */
  void rejectedAnswer(BodyRejection reason);

  /** A row without a readable time was reported (once per row, not per repeated answer). */
  void malformedRow(ParsedResponse.RowProblem problem);

  /** A delivered record has null in {@code field} because NOAA sent text that is not a number. */
  void unreadableValue(String field);

  /** Events nobody listens to. */
  TaskEvents NONE =
      new TaskEvents() {
        @Override
        public void rejectedAnswer(BodyRejection reason) {}

        @Override
        public void malformedRow(ParsedResponse.RowProblem problem) {}

        @Override
        public void unreadableValue(String field) {}
      };
}
