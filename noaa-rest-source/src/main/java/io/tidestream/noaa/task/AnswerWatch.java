package io.tidestream.noaa.task;

import io.tidestream.noaa.api.BodyRejection;
import io.tidestream.noaa.parse.ParsedResponse.MalformedRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Remembers, per unit, what its last answers looked like, and decides when that is worth saying:
 *
 * <ul>
 *   <li>answers rejected for the same {@link BodyRejection} {@value #REPEATS_BEFORE_WARN} times in
 *       a row: say so once, and not again until an answer is read;
 *   <li>rows without a readable time: report each one once, not again when the next answer for a
 *       held window carries the same row.
 * </ul>
 *
 * Owned by the polling thread; it does no I/O and logs nothing.
 */
final class AnswerWatch {

  /** Answers rejected the same way in a row before the task says so. */
  static final int REPEATS_BEFORE_WARN = 5;

  /**
   * Consecutive answers of one unit rejected for one reason.
   *
   * @param warned whether the task has said so
   */
  record Streak(BodyRejection reason, int count, boolean warned) {}

  private final Map<String, Streak> streaks = new HashMap<>();
  private final Map<String, Set<String>> lastMalformed = new HashMap<>();

  /**
   * After an answer of {@code unit} was rejected for {@code reason}: true exactly when this is the
   * answer to warn about ({@value #REPEATS_BEFORE_WARN} in a row with the same reason, the first
   * time). A different reason starts a new streak.
   */
  boolean rejected(String unit, BodyRejection reason) {
    Streak s = streaks.get(unit);
    Streak next =
        s != null && s.reason() == reason
            ? new Streak(reason, s.count() + 1, s.warned())
            : new Streak(reason, 1, false);
    boolean warn = !next.warned() && next.count() >= REPEATS_BEFORE_WARN;
    streaks.put(unit, warn ? new Streak(reason, next.count(), true) : next);
    return warn;
  }

  /** The streak of {@code unit} so far, if its last answers were rejected. */
  Optional<Streak> streak(String unit) {
    return Optional.ofNullable(streaks.get(unit));
  }

  /**
   * After an answer of {@code unit} was read (data, or NOAA's own error message): ends its streak
   * and returns it when the task had warned about it, so that it can say the answers are readable
   * again.
   */
  Optional<Streak> read(String unit) {
    Streak s = streaks.remove(unit);
    return s != null && s.warned() ? Optional.of(s) : Optional.empty();
  }

  /**
   * The rows of this answer of {@code unit} to report: those that were not in its previous answer
   * (a held window is asked for again and brings the same unreadable row back).
   */
  List<MalformedRow> newlyMalformed(String unit, List<MalformedRow> rows) {
    Set<String> before = lastMalformed.getOrDefault(unit, Set.of());
    if (rows.isEmpty()) {
      lastMalformed.remove(unit);
      return List.of();
    }
    lastMalformed.put(unit, rows.stream().map(MalformedRow::rawJson).collect(Collectors.toSet()));
    return rows.stream().filter(r -> !before.contains(r.rawJson())).toList();
  }
}
