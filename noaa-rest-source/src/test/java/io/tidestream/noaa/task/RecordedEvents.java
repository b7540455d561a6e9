package io.tidestream.noaa.task;

import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.parse.ParsedResponse;
import java.util.ArrayList;
import java.util.List;

/** The task's events as tags, in order, for assertions. */
final class RecordedEvents implements TaskEvents {

  final List<String> rejectedAnswers = new ArrayList<>();
  final List<String> malformedRows = new ArrayList<>();
  final List<String> unreadableValues = new ArrayList<>();

  @Override
  public void rejectedAnswer(BodyRejection reason) {
    rejectedAnswers.add(reason.tag());
  }

  @Override
  public void malformedRow(ParsedResponse.RowProblem problem) {
    malformedRows.add(problem.tag());
  }

  @Override
  public void unreadableValue(String field) {
    unreadableValues.add(field);
  }
}
