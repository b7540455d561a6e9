package io.tidestream.elastic.filter;

import java.util.List;

/**
 * Recognises values that are error payloads rather than data, e.g. NOAA's {@code
 * {"error":{"message":"No data was found…"}}}: the first matching {@link ErrorPredicate} wins.
 */
public final class ErrorPayloadFilter {

  private final List<ErrorPredicate> predicates;

  public ErrorPayloadFilter(List<ErrorPredicate> predicates) {
    this.predicates = List.copyOf(predicates);
  }

  /**
   * The predicate that marks {@code value} (a Map or Struct) as an error payload, or null for data.
   */
  public ErrorPredicate match(Object value) {
    for (ErrorPredicate predicate : predicates) {
      if (predicate.test(value)) {
        return predicate;
      }
    }
    return null;
  }

  public List<ErrorPredicate> predicates() {
    return predicates;
  }

  public boolean isEmpty() {
    return predicates.isEmpty();
  }
}
