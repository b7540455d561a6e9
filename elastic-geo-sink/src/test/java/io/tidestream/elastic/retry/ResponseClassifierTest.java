package io.tidestream.elastic.retry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import io.tidestream.elastic.testing.BulkResponses;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseClassifierTest {

  private final ResponseClassifier classifier =
      new ResponseClassifier(
          new ErrorTypeActions(Map.of(), ErrorAction.DEAD_LETTER), new JsonFactory());

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Decision.Item single(String outcome) {
    Decision d = classifier.answered(1, 100, 200, bytes(BulkResponses.items(outcome)));
    assertThat(d).isInstanceOf(Decision.PerItem.class);
    return ((Decision.PerItem) d).items().get(0);
  }

  /** Every built-in transient type, with the status the engines send it with. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "es_rejected_execution_exception",
        "opensearch_rejected_execution_exception",
        "rejected_execution_exception",
        "circuit_breaking_exception",
        "unavailable_shards_exception",
        "no_shard_available_action_exception",
        "node_not_connected_exception",
        "node_closed_exception",
        "connect_transport_exception",
        "process_cluster_event_timeout_exception",
        "receive_timeout_transport_exception",
        "shard_not_in_primary_mode_exception",
        "primary_missing_action_exception",
        "retry_on_primary_exception",
        "cluster_block_exception"
      })
  void transientItemTypesAreRetriedWhateverTheirStatus(String type) {
    for (int status : new int[] {400, 429, 503}) {
      assertThat(single(status + ":" + type))
          .as(type + " with " + status)
          .isEqualTo(new Decision.Retry(type, type, status));
    }
  }

  /**
   * Every built-in permanent type goes to the dead-letter topic with the engine's type, reason and
   * status.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "mapper_parsing_exception",
        "document_parsing_exception",
        "strict_dynamic_mapping_exception",
        "illegal_argument_exception",
        "mapper_exception",
        "parse_exception",
        "x_content_parse_exception",
        "json_parse_exception",
        "invalid_index_name_exception",
        "index_not_found_exception",
        "illegal_state_exception",
        "version_conflict_engine_exception",
        "document_too_large",
        "request_entity_too_large"
      })
  void permanentItemTypesAreDeadLettered(String type) {
    assertThat(single("400:" + type))
        .isEqualTo(new Decision.DeadLetter(type, "reason for " + type, 400));
    // exact types only: a look-alike is unknown, and an unknown type with a 5xx is retried
    assertThat(single("503:" + type + "_v2")).isInstanceOf(Decision.Retry.class);
  }

  @Test
  void builtInTableCoversExactlyTheTypesAbove() {
    assertThat(ErrorTypeActions.DEFAULTS).hasSize(15 + 14);
  }

  @ParameterizedTest
  @CsvSource({
    "429, some_new_exception, RETRY",
    "500, some_new_exception, RETRY",
    "503, some_new_exception, RETRY",
    "400, some_new_exception, DEAD_LETTER",
    "404, some_new_exception, DEAD_LETTER",
    "409, some_new_exception, DEAD_LETTER"
  })
  void unknownTypesFallBackByStatus(int status, String type, String expected) {
    Decision.Item item = single(status + ":" + type);
    assertThat(item.getClass().getSimpleName().toUpperCase()).isEqualTo(expected.replace("_", ""));
    assertThat(item.failureType()).isEqualTo(type);
  }

  @Test
  void acknowledgedItemsAndDeletesOfMissingDocumentsAreDone() {
    assertThat(classifier.item(201, null, null)).isInstanceOf(Decision.Done.class);
    assertThat(classifier.item(200, null, null)).isInstanceOf(Decision.Done.class);
    assertThat(classifier.item(404, null, null))
        .as("delete of a missing document")
        .isInstanceOf(Decision.Done.class);
    assertThat(classifier.item(404, null, null).failureType()).isNull();
  }

  @Test
  void anItemWithoutATypeIsNamedByItsStatus() {
    assertThat(classifier.item(400, null, null))
        .isEqualTo(new Decision.DeadLetter("http_400", "rejected with HTTP 400", 400));
    assertThat(classifier.item(429, null, null))
        .isEqualTo(new Decision.Retry("http_429", "HTTP 429", 429));
  }

  @Test
  void anAnswerWithoutErrorsAcknowledgesEveryItem() {
    Decision d = classifier.answered(3, 300, 200, bytes("{\"errors\":false,\"items\":[never read"));
    assertThat(((Decision.PerItem) d).items())
        .containsExactly(Decision.Done.INSTANCE, Decision.Done.INSTANCE, Decision.Done.INSTANCE);
  }

  @Test
  void itemsAreJudgedInRequestOrder() {
    Decision d =
        classifier.answered(
            4,
            400,
            200,
            bytes(
                BulkResponses.items(
                    "ok",
                    "429:es_rejected_execution_exception",
                    "ok",
                    "400:mapper_parsing_exception")));
    assertThat(((Decision.PerItem) d).items())
        .containsExactly(
            Decision.Done.INSTANCE,
            new Decision.Retry(
                "es_rejected_execution_exception", "es_rejected_execution_exception", 429),
            Decision.Done.INSTANCE,
            new Decision.DeadLetter(
                "mapper_parsing_exception", "reason for mapper_parsing_exception", 400));
  }

  @Test
  void aCreateRefusedBecauseTheIdExistsIsIgnoredWhileAnIndexConflictIsStillDeadLettered() {
    String conflict =
        "\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\",\"reason\":\"[k]:"
            + " version conflict, document already exists (current version [1])\"}";
    String body =
        "{\"errors\":true,\"items\":["
            + "{\"create\":{\"_index\":\"tides\",\"_id\":\"k\","
            + conflict
            + "}},{\"update\":{\"_index\":\"tides\",\"_id\":\"u\",\"result\":\"noop\",\"status\":200}},"
            + "{\"create\":{\"_index\":\"tides\",\"_id\":\"n\",\"result\":\"created\",\"status\":201}},"
            + "{\"index\":{\"_index\":\"tides\",\"_id\":\"i\","
            + conflict
            + "}}]}";
    Decision d = classifier.answered(4, 400, 200, bytes(body));
    assertThat(((Decision.PerItem) d).items())
        .containsExactly(
            new Decision.Ignore("version_conflict_engine_exception"),
            Decision.Done.INSTANCE,
            Decision.Done.INSTANCE,
            new Decision.DeadLetter(
                "version_conflict_engine_exception",
                "[k]: version conflict, document already exists (current version [1])",
                409));
  }

  @Test
  void overridesDecideIgnoreAndFail() {
    ResponseClassifier configured =
        new ResponseClassifier(
            new ErrorTypeActions(
                ErrorTypeActions.parseOverrides(
                    List.of(
                        "version_conflict_engine_exception:ignore",
                        "strict_dynamic_mapping_exception:fail",
                        "es_rejected_execution_exception:dead-letter")),
                ErrorAction.FAIL),
            new JsonFactory());
    assertThat(configured.item(409, "version_conflict_engine_exception", "r"))
        .isEqualTo(new Decision.Ignore("version_conflict_engine_exception"));
    assertThat(configured.item(400, "strict_dynamic_mapping_exception", "r"))
        .isEqualTo(
            new Decision.FailTask(
                "strict_dynamic_mapping_exception", "strict_dynamic_mapping_exception", 400));
    assertThat(configured.item(429, "es_rejected_execution_exception", "r"))
        .isInstanceOf(Decision.DeadLetter.class);
    assertThat(configured.item(400, "brand_new_exception", "r"))
        .as("errors.unknown.action=fail")
        .isInstanceOf(Decision.FailTask.class);
    assertThat(configured.item(503, "brand_new_exception", "r"))
        .as("5xx still retried")
        .isInstanceOf(Decision.Retry.class);
  }

  @Test
  void aFailedItemsMessageNamesTheRecordAndTheFix() {
    String message =
        new Decision.FailTask(
                "strict_dynamic_mapping_exception", "strict_dynamic_mapping_exception", 400)
            .message(new TopicPartition("noaa", 3), 42, "tides");
    assertThat(message)
        .contains(
            "noaa-3 offset 42",
            "index tides",
            "strict_dynamic_mapping_exception (HTTP 400)",
            "change that entry to dead-letter or ignore");
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void busyStatusesForTheWholeRequestMeanTheEngineIsDown(int status) {
    assertThat(ResponseClassifier.busy(status)).isTrue();
    Decision d =
        classifier.answered(
            2,
            200,
            status,
            bytes(
                "{\"error\":{\"type\":\"cluster_block_exception\",\"reason\":\"blocked\"},\"status\":"
                    + status
                    + "}"));
    assertThat(d).isEqualTo(new Decision.EngineDown("HTTP " + status + " cluster_block_exception"));
    assertThat(classifier.answered(2, 200, status, bytes("<html>Bad Gateway</html>")))
        .isEqualTo(new Decision.EngineDown("HTTP " + status));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 400, 401, 403, 404, 413, 499})
  void otherStatusesAreNotBusy(int status) {
    assertThat(ResponseClassifier.busy(status)).isFalse();
  }

  @Test
  void tooLargeForOneDocumentDeadLettersItAndForSeveralSendsEachAlone() {
    assertThat(classifier.answered(1, 12345, 413, bytes("")))
        .isEqualTo(
            new Decision.TooLarge(
                new Decision.DeadLetter(
                    "request_entity_too_large",
                    "the document of 12345 bytes exceeds the engine's http.max_content_length",
                    413)));
    assertThat(classifier.answered(3, 12345, 413, bytes("")))
        .isInstanceOf(Decision.SendAlone.class);
  }

  @Test
  void authenticationAndPrivilegeFailuresFailTheTaskNamingTheKeys() {
    Decision unauthorized =
        classifier.answered(
            1,
            10,
            401,
            bytes(
                "{\"error\":{\"type\":\"security_exception\",\"reason\":\"missing authentication"
                    + " credentials\"}}"));
    assertThat(((Decision.Fail) unauthorized).message())
        .contains(
            "HTTP 401",
            "security_exception: missing authentication credentials",
            "connection.username/connection.password",
            "connection.api.key");
    Decision forbidden = classifier.answered(1, 10, 403, bytes(""));
    assertThat(((Decision.Fail) forbidden).message())
        .contains("HTTP 403", "index/write privilege", "index.name");
  }

  @Test
  void awsRefusingTheSignatureFailsTheTaskWithoutQuotingAwssAnswer() {
    Decision d =
        classifier.answered(
            3,
            100,
            403,
            bytes(
                "{\"message\":\"The request signature we calculated does not match the signature"
                    + " you provided.\\n"
                    + "\\n"
                    + "The Canonical String for this request should have been\\n"
                    + "'POST\\n"
                    + "/_bulk\\n"
                    + "\\n"
                    + "x-amz-security-token:IQoJsEcReT-token'\"}"));
    assertThat(((Decision.Fail) d).message())
        .contains("AWS refused the signed bulk request (HTTP 403, SIGNATURE_MISMATCH)")
        .contains("connection.aws.secret.access.key")
        .doesNotContain("IQoJsEcReT-token")
        .doesNotContain("index/write privilege");
    assertThat(
            AwsAuthError.of(
                403,
                "{\"message\":\"The security token included in the request is" + " invalid.\"}"))
        .isEqualTo(AwsAuthError.INVALID_TOKEN);
    assertThat(AwsAuthError.of(401, "The security token included in the request is invalid"))
        .isNull();
    assertThat(AwsAuthError.of(403, "{\"error\":{\"type\":\"security_exception\"}}")).isNull();
  }

  @Test
  void anotherWholeRequest4xxFailsTheTaskWithTheInnermostCause() {
    Decision d =
        classifier.answered(
            1,
            10,
            400,
            BulkResponses.recorded("opensearch-2.19.4-bulk-400-unknown-parameter.json"));
    assertThat(((Decision.Fail) d).message())
        .contains(
            "HTTP 400",
            "illegal_argument_exception: Action/metadata line [1] "
                + "contains an unknown parameter [bogus_param]",
            "configuration problem");
  }

  @Test
  void aVeryLongEngineReasonIsCut() {
    String reason = "x".repeat(2000);
    Decision d =
        classifier.answered(
            1, 10, 400, bytes("{\"error\":{\"type\":\"t\",\"reason\":\"" + reason + "\"}}"));
    assertThat(((Decision.Fail) d).message())
        .contains("x".repeat(ResponseClassifier.MAX_REASON - 3) + "…")
        .doesNotContain("x".repeat(ResponseClassifier.MAX_REASON + 1));
  }

  @Test
  void anUnreadableOrShortAnswerMeansTheRequestIsSentAgain() {
    assertThat(classifier.answered(1, 10, 200, bytes("<html>proxy</html>")))
        .isInstanceOf(Decision.EngineDown.class)
        .satisfies(
            d ->
                assertThat(((Decision.EngineDown) d).cause())
                    .startsWith("unreadable bulk response (HTTP 200)"));
    assertThat(classifier.answered(3, 10, 200, bytes(BulkResponses.items("ok", "ok"))))
        .isEqualTo(
            new Decision.EngineDown(
                "unreadable bulk response (HTTP 200): bulk response lists 2 items but 3 were"
                    + " sent"));
  }

  @Test
  void noAnswerConnectionErrorsAndUnsendableRequestsMeanTheEngineIsDown() {
    assertThat(ResponseClassifier.failed(new ConnectException("Connection refused")))
        .isEqualTo(new Decision.EngineDown("ConnectException: Connection refused"));
    assertThat(ResponseClassifier.failed(new IOException()))
        .isEqualTo(new Decision.EngineDown("IOException"));
    assertThat(ResponseClassifier.unanswered(65_000))
        .isEqualTo(new Decision.EngineDown("no answer within 65000 ms"));
    assertThat(ResponseClassifier.cannotSend(new IllegalStateException("client closed")))
        .isEqualTo(
            new Decision.EngineDown("cannot send: java.lang.IllegalStateException: client closed"));
  }
}
