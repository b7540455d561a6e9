package io.tidestream.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.process.JsonHttp;
import org.junit.jupiter.api.Test;

class ConnectRestClientTest {

  @Test
  void aRebalanceAnswerIsTriedAgainAndOtherErrorsAreNot() {
    // measured in RemapIT right after a configuration change
    assertThat(
            ConnectRestClient.rebalancing(
                new JsonHttp.Response(
                    500,
                    "{\"error_code\":500,\"message\":\"Request cannot be completed because a"
                        + " rebalance is expected\"}")))
        .isTrue();
    assertThat(ConnectRestClient.rebalancing(new JsonHttp.Response(409, "{}"))).isTrue();
    assertThat(ConnectRestClient.rebalancing(new JsonHttp.Response(500, "{\"message\":\"boom\"}")))
        .isFalse();
    assertThat(ConnectRestClient.rebalancing(new JsonHttp.Response(404, "{}"))).isFalse();
  }
}
