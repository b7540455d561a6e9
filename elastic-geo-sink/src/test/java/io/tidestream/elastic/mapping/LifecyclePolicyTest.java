package io.tidestream.elastic.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.elastic.client.EngineInfo;
import io.tidestream.elastic.client.EngineInfo.Distribution;
import io.tidestream.elastic.retry.EngineError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** mapping.lifecycle.policy: the template setting, and what each engine answer means. */
class LifecyclePolicyTest {

  private static final EngineInfo ES8 = EngineInfo.of(Distribution.ELASTICSEARCH, "8.19.8");
  private static final EngineInfo OS2 = EngineInfo.of(Distribution.OPENSEARCH, "2.19.4");
  private static final List<String> PATTERNS = List.of("tides-*");

  private final ObjectMapper mapper = new ObjectMapper();
  private final LifecyclePolicy policy = new LifecyclePolicy("tides-30d");

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }

  private static EngineError error(String type, String reason) {
    return new EngineError(type, reason, null, null);
  }

  // ---- the template ----

  @Test
  void elasticsearchTemplatesOfEveryKindCarryThePolicyAsIndexLifecycleName() {
    TemplateBody plain = TemplateBody.builtin(mapper, "location");
    TemplateBody stream = plain.withDataStream();

    JsonNode plainBody = policy.applyTo(plain, ES8).composable(mapper, PATTERNS, 200);
    assertThat(plainBody.path("template").path("settings").path("index.lifecycle.name").asText())
        .isEqualTo("tides-30d");
    assertThat(plainBody.path("template").path("settings").path("number_of_shards").asInt())
        .as("the template's own settings stay")
        .isEqualTo(1);

    JsonNode streamBody = policy.applyTo(stream, ES8).composable(mapper, PATTERNS, 200);
    assertThat(streamBody.path("template").path("settings").path("index.lifecycle.name").asText())
        .isEqualTo("tides-30d");
    assertThat(streamBody.has("data_stream")).as("still a data stream template").isTrue();

    JsonNode legacy =
        policy
            .applyTo(plain, EngineInfo.of(Distribution.ELASTICSEARCH, "7.7.1"))
            .legacy(mapper, PATTERNS, 200);
    assertThat(legacy.path("settings").path("index.lifecycle.name").asText())
        .isEqualTo("tides-30d");
  }

  @Test
  void openSearchTemplatesAreLeftAsTheyAreBecauseIsmIgnoresIndexSettings() {
    TemplateBody plain = TemplateBody.builtin(mapper, "location").withDataStream();
    assertThat(policy.applyTo(plain, OS2).composable(mapper, PATTERNS, 200))
        .isEqualTo(plain.composable(mapper, PATTERNS, 200));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"index.lifecycle.name\":\"other\"}",
        "{\"lifecycle.name\":\"other\"}",
        "{\"index\":{\"lifecycle\":{\"name\":\"other\"}}}",
        "{\"index\":{\"lifecycle.name\":\"other\"}}",
        "{\"lifecycle\":{\"name\":\"other\"}}"
      })
  void aTemplateThatNamesAnotherPolicyIsAConflictWithBothValues(String settings) {
    TemplateBody body =
        TemplateBody.parse(mapper, "{\"settings\":" + settings + ",\"mappings\":{}}");
    assertThat(policy.conflict(body))
        .isEqualTo(
            "The index template sets index.lifecycle.name='other' but"
                + " mapping.lifecycle.policy='tides-30d'; remove the setting from"
                + " mapping.template.file / mapping.template.inline / mapping.index.settings, or"
                + " make both name the same policy");

    TemplateBody same =
        TemplateBody.parse(mapper, "{\"settings\":" + settings.replace("other", "tides-30d") + "}");
    assertThat(policy.conflict(same)).isNull();
    assertThat(policy.applyTo(same, ES8).settings())
        .as("the same policy is not set a second time")
        .isEqualTo(same.settings());
    assertThat(policy.conflict(TemplateBody.builtin(mapper, "location"))).isNull();
  }

  // ---- Elasticsearch answers ----

  @Test
  void elasticsearchLooksThePolicyUpWithIlm() {
    assertThat(policy.lookupPath(ES8)).isEqualTo("/_ilm/policy/tides-30d");
    assertThat(policy.lookupPath(OS2)).isEqualTo("/_plugins/_ism/policies/tides-30d");
  }

  @Test
  void anExistingIlmPolicyIsFine() throws Exception {
    assertThat(
            policy.judge(
                ES8,
                200,
                null,
                json("{\"tides-30d\":{\"version\":1,\"policy\":{\"phases\":{}}}}"),
                PATTERNS,
                mapper))
        .isNull();
  }

  @Test
  void aMissingIlmPolicyIsNamedWithHowToCreateIt() {
    String problem =
        policy.judge(
            ES8,
            404,
            error("resource_not_found_exception", "Lifecycle policy not found: tides-30d"),
            null,
            PATTERNS,
            mapper);
    assertThat(problem)
        .startsWith(
            "The ILM policy 'tides-30d' (mapping.lifecycle.policy) does not exist on"
                + " Elasticsearch 8.19.8; create it (PUT _ilm/policy/tides-30d {\"policy\":")
        .endsWith(") or correct mapping.lifecycle.policy");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "400|| no handler found for uri [/_ilm/policy/tides-30d] and method [GET]",
        "405|| Incorrect HTTP method for uri [/_ilm/policy/tides-30d] and method [GET]",
        "404|index_not_found_exception|no such index [_ilm]",
        "400|invalid_index_name_exception|Invalid index name [_ilm], must not start with '_'."
      })
  void anElasticsearchWithoutIlmIsSaidToLackIt(int status, String type, String reason) {
    String problem = policy.judge(ES8, status, error(type, reason), null, PATTERNS, mapper);
    assertThat(problem)
        .startsWith(
            "Index lifecycle management (ILM) is not available on Elasticsearch 8.19.8 (GET"
                + " _ilm/policy/tides-30d answered HTTP "
                + status
                + ": ")
        .contains(reason)
        .endsWith(
            "): ILM comes with Elasticsearch's default distribution (basic licence), not with"
                + " the OSS or integ-test ones; use such a distribution or leave"
                + " mapping.lifecycle.policy empty");
  }

  @Test
  void anAnswerThatCannotTellLetsItPass() {
    assertThat(policy.judge(ES8, 403, error("security_exception", "x"), null, PATTERNS, mapper))
        .isNull();
    assertThat(policy.judge(OS2, 401, error("security_exception", "x"), null, PATTERNS, mapper))
        .isNull();
  }

  // ---- OpenSearch answers ----

  private static String ismPolicy(String ismTemplate) {
    return "{\"_id\":\"tides-30d\",\"_version\":1,\"_seq_no\":7,\"_primary_term\":1,"
        + "\"policy\":{\"policy_id\":\"tides-30d\",\"default_state\":\"hot\",\"states\":[]"
        + (ismTemplate == null ? "" : ",\"ism_template\":" + ismTemplate)
        + "}}";
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"index_patterns\":[\"tides-*\"],\"priority\":100}]",
        "{\"index_patterns\":[\"tides*\"],\"priority\":0}",
        "[{\"index_patterns\":[\"logs-*\"]},{\"index_patterns\":[\"*\"]}]",
        "[{\"index_patterns\":\"t*\"}]"
      })
  void anIsmPolicyWhoseTemplateCoversTheIndicesIsFine(String ismTemplate) throws Exception {
    assertThat(policy.judge(OS2, 200, null, json(ismPolicy(ismTemplate)), PATTERNS, mapper))
        .isNull();
  }

  @Test
  void anIsmPolicyThatDoesNotReachTheIndicesNamesTheJsonToAdd() throws Exception {
    String problem =
        policy.judge(
            OS2,
            200,
            null,
            json(ismPolicy("[{\"index_patterns\":[\"tides-2025*\",\"logs-*\"],\"priority\":1}]")),
            List.of("tides-*", "logs-x*"),
            mapper);
    assertThat(problem)
        .isEqualTo(
            "The ISM policy 'tides-30d' (mapping.lifecycle.policy) would not manage the sink's"
                + " indices on OpenSearch 2.19.4: ISM attaches a policy to a new index only"
                + " through the policy's ism_template, and its index_patterns [tides-2025*,"
                + " logs-*] do not cover [tides-*]; add"
                + " {\"index_patterns\":[\"tides-*\"],\"priority\":100} to the policy's"
                + " ism_template list (PUT _plugins/_ism/policies/tides-30d?if_seq_no=7"
                + "&if_primary_term=1 with the whole policy). Indices made before that keep no"
                + " policy: attach them with POST _plugins/_ism/add/<index>");

    assertThat(policy.judge(OS2, 200, null, json(ismPolicy(null)), PATTERNS, mapper))
        .as("no ism_template at all")
        .contains("its index_patterns [] do not cover [tides-*]");
  }

  @Test
  void aMissingIsmPolicyIsNamedWithAnIsmTemplateThatCoversTheIndices() {
    String problem =
        policy.judge(
            OS2, 404, error("status_exception", "Policy not found"), null, PATTERNS, mapper);
    assertThat(problem)
        .isEqualTo(
            "The ISM policy 'tides-30d' (mapping.lifecycle.policy) does not exist on OpenSearch"
                + " 2.19.4; create it with an ism_template that covers the sink's indices (PUT"
                + " _plugins/_ism/policies/tides-30d {\"policy\":{\"description\":\"…\","
                + "\"default_state\":\"hot\",\"states\":[…],\"ism_template\":["
                + "{\"index_patterns\":[\"tides-*\"],\"priority\":100}]}}) or correct"
                + " mapping.lifecycle.policy");
  }

  @Test
  void anIsmWithoutItsConfigIndexYetStillMeansAMissingPolicy() {
    assertThat(
            policy.judge(
                OS2,
                404,
                error("index_not_found_exception", "no such index [.opendistro-ism-config]"),
                null,
                PATTERNS,
                mapper))
        .startsWith("The ISM policy 'tides-30d' (mapping.lifecycle.policy) does not exist");
  }

  @Test
  void anOpenSearchWithoutTheIsmPluginIsSaidToLackIt() {
    String problem =
        policy.judge(
            OS2,
            400,
            error(null, "no handler found for uri [/_plugins/_ism/policies/tides-30d]"),
            null,
            PATTERNS,
            mapper);
    assertThat(problem)
        .isEqualTo(
            "Index State Management (ISM) is not available on OpenSearch 2.19.4 (GET"
                + " _plugins/_ism/policies/tides-30d answered HTTP 400: no handler found for uri"
                + " [/_plugins/_ism/policies/tides-30d]): install the opensearch-index-management"
                + " plugin (it comes with the default OpenSearch distribution, not with the"
                + " minimal one) or leave mapping.lifecycle.policy empty");
  }

  @ParameterizedTest
  @CsvSource({
    "tides-*, tides-*, true",
    "tides*, tides-*, true",
    "*, noaa.water_level*, true",
    "t*s-*, tides-*, true",
    "tides-2025*, tides-*, false",
    "tides-*, tides*, false",
    "tides, tides*, false",
    "*-x, tides-*, false",
    "-tides-*, tides-*, false"
  })
  void anIsmPatternCoversASinkPatternOnlyWhenItMatchesEveryNameOfIt(
      String ism, String sink, boolean covered) {
    assertThat(LifecyclePolicy.covers(ism, sink)).isEqualTo(covered);
  }
}
