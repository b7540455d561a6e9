package io.tidestream.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local SigV4 verifier proven with AWS's published test suite: for each signed request of a
 * vector, its canonical request, string to sign and signature equal the published ones, and it
 * passes; with another secret, another region, a stale date or a changed body it is refused.
 *
 * <p>Test data (resources aws-sigv4-test-suite/, see its PROVENANCE.md): AWS's SigV4 test suite as
 * kept in https://github.com/awslabs/aws-c-auth at commit 495329c2433034bd8fd53fc6ba9e0202d3fac876,
 * path tests/aws-signing-test-suite/v4/&lt;vector&gt;/, vectors get-vanilla,
 * get-vanilla-query-order-key-case, get-header-value-trim, post-vanilla and
 * post-x-www-form-urlencoded, copied byte for byte (Apache-2.0).
 */
class SigV4CheckTest {

  static final String KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final Clock VECTOR_TIME =
      Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

  /** A request of the suite's request.txt form: request line, Name:value lines, blank, body. */
  record Parsed(String method, String target, List<SigV4Check.Header> headers, byte[] body) {}

  static Parsed parse(String text) {
    String[] parts = text.split("\n\n", 2);
    String[] lines = parts[0].split("\n");
    String[] requestLine = lines[0].split(" ");
    List<SigV4Check.Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(
          new SigV4Check.Header(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
    }
    byte[] body = parts.length > 1 ? parts[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
    return new Parsed(requestLine[0], requestLine[1], headers, body);
  }

  static String vector(String name, String file) throws IOException {
    try (InputStream in =
        SigV4CheckTest.class.getResourceAsStream("/aws-sigv4-test-suite/" + name + "/" + file)) {
      assertThat(in).as(name + "/" + file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static SigV4Check check(String secret, String region, Clock clock) {
    return new SigV4Check(
        Map.of(KEY_ID, secret), Map.of(), region, "service", clock, Duration.ofMinutes(5), false);
  }

  private static SigV4Check.Result run(SigV4Check check, Parsed r) {
    return check.check(r.method(), r.target(), r.headers(), r.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "get-vanilla",
        "get-vanilla-query-order-key-case",
        "get-header-value-trim",
        "post-vanilla",
        "post-x-www-form-urlencoded"
      })
  void thePublishedSignedRequestVerifiesWithThePublishedIntermediateStrings(String name)
      throws IOException {
    Parsed signed = parse(vector(name, "header-signed-request.txt"));
    SigV4Check.Result result = run(check(SECRET, "us-east-1", VECTOR_TIME), signed);
    assertThat(result.canonicalRequest()).isEqualTo(vector(name, "header-canonical-request.txt"));
    assertThat(result.stringToSign()).isEqualTo(vector(name, "header-string-to-sign.txt"));
    assertThat(result.signature()).isEqualTo(vector(name, "header-signature.txt").strip());
    assertThat(result.passed()).as(result.message()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"get-vanilla", "post-x-www-form-urlencoded"})
  void anotherSecretIsRefusedWithAwssSignatureMismatch(String name) throws IOException {
    Parsed signed = parse(vector(name, "header-signed-request.txt"));
    SigV4Check.Result result =
        run(check("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", "us-east-1", VECTOR_TIME), signed);
    assertThat(result.passed()).isFalse();
    assertThat(result.message()).isEqualTo(SigV4Check.SIGNATURE_MISMATCH);
    assertThat(result.signature()).isNotEqualTo(vector(name, "header-signature.txt").strip());
  }

  @Test
  void anUnknownKeyAnotherRegionAStaleDateAChangedBodyOrAMissingRequiredHashAreRefused()
      throws IOException {
    Parsed form = parse(vector("post-x-www-form-urlencoded", "header-signed-request.txt"));
    assertThat(
            new SigV4Check(
                    Map.of("AKIDOTHER", SECRET),
                    Map.of(),
                    "us-east-1",
                    "service",
                    VECTOR_TIME,
                    Duration.ofMinutes(5),
                    false)
                .check(form.method(), form.target(), form.headers(), form.body())
                .message())
        .isEqualTo(SigV4Check.INVALID_TOKEN);
    assertThat(run(check(SECRET, "eu-west-1", VECTOR_TIME), form).message())
        .startsWith("Credential should be scoped to a valid region");
    Clock later = Clock.offset(VECTOR_TIME, Duration.ofMinutes(6));
    assertThat(run(check(SECRET, "us-east-1", later), form).message())
        .startsWith("Signature expired: 20150830T123600Z");
    Parsed changed =
        new Parsed(
            form.method(),
            form.target(),
            form.headers(),
            "Param1=value2".getBytes(StandardCharsets.UTF_8));
    assertThat(run(check(SECRET, "us-east-1", VECTOR_TIME), changed).message())
        .isEqualTo("The provided 'x-amz-content-sha256' header does not match what was computed.");
    Parsed get = parse(vector("get-vanilla", "header-signed-request.txt"));
    SigV4Check aoss =
        new SigV4Check(
            Map.of(KEY_ID, SECRET),
            Map.of(),
            "us-east-1",
            "service",
            VECTOR_TIME,
            Duration.ofMinutes(5),
            true);
    assertThat(aoss.check(get.method(), get.target(), get.headers(), get.body()).message())
        .isEqualTo("Missing required header: x-amz-content-sha256");
  }

  @Test
  void pathsAndQueriesAreCanonicalisedAsAwsDescribes() {
    assertThat(SigV4Check.canonicalUri("")).isEqualTo("/");
    assertThat(SigV4Check.canonicalUri("/tides-2026.12/_doc/8454000%7C1"))
        .isEqualTo("/tides-2026.12/_doc/8454000%257C1");
    assertThat(SigV4Check.canonicalQuery("filter_path=nodes.*.version%2Cx&b=2&a=z&a=y+1"))
        .isEqualTo("a=y%201&a=z&b=2&filter_path=nodes.%2A.version%2Cx");
  }
}
