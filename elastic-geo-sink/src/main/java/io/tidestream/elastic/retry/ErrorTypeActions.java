package io.tidestream.elastic.retry;

import io.tidestream.common.config.ChoiceValidator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map from a bulk item's exact {@code error.type} to what the sink does with it: built-in
 * defaults, overridden by {@code errors.type.actions}. Types never seen before fall back by HTTP
 * status: 429 and 5xx retry ({@link ResponseClassifier#busy}), anything else takes {@code
 * errors.unknown.action}. {@link ResponseClassifier} turns the action into a decision.
 */
public final class ErrorTypeActions {

  /**
   * Built-in classification, from the error types Elasticsearch 7–9 and OpenSearch 2–3 return per
   * item.
   */
  public static final Map<String, ErrorAction> DEFAULTS;

  static {
    Map<String, ErrorAction> m = new LinkedHashMap<>();
    // Transient: the engine is busy or a shard is moving; the same request will succeed later.
    m.put("es_rejected_execution_exception", ErrorAction.RETRY);
    m.put("opensearch_rejected_execution_exception", ErrorAction.RETRY);
    m.put("rejected_execution_exception", ErrorAction.RETRY);
    m.put("circuit_breaking_exception", ErrorAction.RETRY);
    m.put("unavailable_shards_exception", ErrorAction.RETRY);
    m.put("no_shard_available_action_exception", ErrorAction.RETRY);
    m.put("node_not_connected_exception", ErrorAction.RETRY);
    m.put("node_closed_exception", ErrorAction.RETRY);
    m.put("connect_transport_exception", ErrorAction.RETRY);
    m.put("process_cluster_event_timeout_exception", ErrorAction.RETRY);
    m.put("receive_timeout_transport_exception", ErrorAction.RETRY);
    m.put("shard_not_in_primary_mode_exception", ErrorAction.RETRY);
    m.put("primary_missing_action_exception", ErrorAction.RETRY);
    m.put("retry_on_primary_exception", ErrorAction.RETRY);
    m.put("cluster_block_exception", ErrorAction.RETRY);
    // Permanent: this document will never be accepted as it is.
    m.put("mapper_parsing_exception", ErrorAction.DEAD_LETTER);
    m.put("document_parsing_exception", ErrorAction.DEAD_LETTER);
    m.put("strict_dynamic_mapping_exception", ErrorAction.DEAD_LETTER);
    m.put("illegal_argument_exception", ErrorAction.DEAD_LETTER);
    m.put("mapper_exception", ErrorAction.DEAD_LETTER);
    m.put("parse_exception", ErrorAction.DEAD_LETTER);
    m.put("x_content_parse_exception", ErrorAction.DEAD_LETTER);
    m.put("json_parse_exception", ErrorAction.DEAD_LETTER);
    m.put("invalid_index_name_exception", ErrorAction.DEAD_LETTER);
    m.put("index_not_found_exception", ErrorAction.DEAD_LETTER);
    m.put("illegal_state_exception", ErrorAction.DEAD_LETTER);
    m.put("version_conflict_engine_exception", ErrorAction.DEAD_LETTER);
    m.put("document_too_large", ErrorAction.DEAD_LETTER);
    m.put("request_entity_too_large", ErrorAction.DEAD_LETTER);
    DEFAULTS = Collections.unmodifiableMap(m);
  }

  private final Map<String, ErrorAction> actions;
  private final ErrorAction unknownAction;

  public ErrorTypeActions(Map<String, ErrorAction> overrides, ErrorAction unknownAction) {
    Map<String, ErrorAction> merged = new LinkedHashMap<>(DEFAULTS);
    merged.putAll(overrides);
    this.actions = Collections.unmodifiableMap(merged);
    this.unknownAction = unknownAction;
  }

  /**
   * Parses {@code type:action} entries, e.g. {@code version_conflict_engine_exception:ignore}.
   *
   * @throws IllegalArgumentException naming the bad entry and the accepted actions
   */
  public static Map<String, ErrorAction> parseOverrides(List<String> entries) {
    Map<String, ErrorAction> overrides = new LinkedHashMap<>();
    ChoiceValidator choices = ChoiceValidator.of(ErrorAction.class);
    for (String raw : entries) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.lastIndexOf(':');
      if (colon <= 0 || colon == entry.length() - 1) {
        throw new IllegalArgumentException(
            "entry '"
                + entry
                + "' must be <error.type>:<action>, e.g. "
                + "version_conflict_engine_exception:ignore; actions: "
                + choices);
      }
      String type = entry.substring(0, colon).trim();
      String action = entry.substring(colon + 1).trim();
      if (!choices.choices().contains(action.toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "entry '" + entry + "' has unknown action '" + action + "'; actions: " + choices);
      }
      overrides.put(type, ChoiceValidator.toEnum(ErrorAction.class, action));
    }
    return overrides;
  }

  /** The action for an item that failed with {@code type} (may be null) and HTTP {@code status}. */
  public ErrorAction actionFor(String type, int status) {
    if (type != null) {
      ErrorAction action = actions.get(type);
      if (action != null) {
        return action;
      }
    }
    return ResponseClassifier.busy(status) ? ErrorAction.RETRY : unknownAction;
  }

  /** True when any outcome can be a dead-letter report. */
  public boolean mayDeadLetter() {
    return unknownAction == ErrorAction.DEAD_LETTER
        || actions.containsValue(ErrorAction.DEAD_LETTER);
  }

  public ErrorAction unknownAction() {
    return unknownAction;
  }
}
