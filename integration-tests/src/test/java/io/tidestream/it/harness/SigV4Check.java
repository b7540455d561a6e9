package io.tidestream.it.harness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 checked the way a server does, written here from AWS's description of the
 * algorithm and independent of any AWS SDK code: parse the Authorization header, check the
 * credential scope, the date and the body's SHA-256, rebuild the canonical request and the string
 * to sign, derive the signing key (HMAC-SHA256 over date, region, service, "aws4_request") and
 * compare signatures in constant time. {@code SigV4CheckTest} proves it with AWS's published test
 * vectors. Refusals carry the messages Amazon OpenSearch Service answers with.
 *
 * <p>Canonical URI: the path as received, each byte outside RFC 3986's unreserved set and '/'
 * percent-encoded again (AWS's rule for every service but S3); no dot-segment normalisation (the
 * sink sends none). Canonical query: each parameter percent-decoded ('+' a space, as the engine
 * reads it), encoded per RFC 3986, sorted by name then value.
 */
public final class SigV4Check {

  /** AWS's answer when the signature does not match. */
  public static final String SIGNATURE_MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";

  /** AWS's answer for an unknown access key id or an invalid session token. */
  public static final String INVALID_TOKEN =
      "The security token included in the request is invalid.";

  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
              + "SignedHeaders=([a-z0-9;\\-]+),\\s*Signature=([0-9a-f]{64})");

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private final Map<String, String> secrets;
  private final Map<String, String> sessionTokens;
  private final String region;
  private final String service;
  private final Clock clock;
  private final Duration maxSkew;
  private final boolean requireContentSha256;

  /**
   * @param secrets secret access key by access key id
   * @param sessionTokens the session token each key id must send, if any
   * @param requireContentSha256 refuse requests without {@code x-amz-content-sha256} (aoss)
   */
  public SigV4Check(
      Map<String, String> secrets,
      Map<String, String> sessionTokens,
      String region,
      String service,
      Clock clock,
      Duration maxSkew,
      boolean requireContentSha256) {
    this.secrets = Map.copyOf(secrets);
    this.sessionTokens = Map.copyOf(sessionTokens);
    this.region = region;
    this.service = service;
    this.clock = clock;
    this.maxSkew = maxSkew;
    this.requireContentSha256 = requireContentSha256;
  }

  /** One header as received (name as sent, value untrimmed). */
  public record Header(String name, String value) {}

  /** The outcome: passed, or refused with AWS's message; the intermediate strings when computed. */
  public record Result(
      boolean passed,
      String message,
      String canonicalRequest,
      String stringToSign,
      String signature) {

    static Result refused(String message) {
      return new Result(false, message, null, null, null);
    }
  }

  /**
   * Checks one request.
   *
   * @param method the request method
   * @param target the request line's target (path and query, as received)
   * @param headers every header as received
   * @param body the body bytes as received (before any decompression)
   */
  public Result check(String method, String target, List<Header> headers, byte[] body) {
    String authorization = single(headers, "authorization");
    if (authorization == null) {
      return Result.refused("Missing Authentication Token");
    }
    Matcher m = AUTHORIZATION.matcher(authorization.trim());
    if (!m.matches()) {
      return Result.refused(
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
              + " parameters of AWS4-HMAC-SHA256.");
    }
    String keyId = m.group(1);
    String scopeDate = m.group(2);
    String scopeRegion = m.group(3);
    String scopeService = m.group(4);
    List<String> signedHeaders = Arrays.asList(m.group(5).split(";"));
    String signature = m.group(6);
    String secret = secrets.get(keyId);
    if (secret == null) {
      return Result.refused(INVALID_TOKEN);
    }
    String expectedToken = sessionTokens.get(keyId);
    String token = single(headers, "x-amz-security-token");
    if (expectedToken == null ? token != null : !expectedToken.equals(token)) {
      return Result.refused(INVALID_TOKEN);
    }
    if (!scopeRegion.equals(region)) {
      return Result.refused("Credential should be scoped to a valid region. ");
    }
    if (!scopeService.equals(service)) {
      return Result.refused("Credential should be scoped to correct service: '" + service + "'. ");
    }
    String amzDate = single(headers, "x-amz-date");
    Instant signedAt;
    try {
      signedAt =
          LocalDateTime.parse(amzDate == null ? "" : amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Result.refused(
          "Authorization header requires existence of either a 'X-Amz-Date' or"
              + " a 'Date' header.");
    }
    if (!amzDate.startsWith(scopeDate)) {
      return Result.refused(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601"
              + " version of date from HTTP: '"
              + scopeDate
              + "' != '"
              + amzDate.substring(0, 8)
              + "', from '"
              + amzDate
              + "'.");
    }
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(maxSkew) > 0) {
      return Result.refused(
          "Signature expired: "
              + amzDate
              + " is now earlier or later than "
              + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC))
              + " ("
              + maxSkew
              + " allowed).");
    }
    if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
      return Result.refused("Host and x-amz-date must be signed headers.");
    }
    List<String> sorted = new ArrayList<>(signedHeaders);
    sorted.sort(null);
    if (!sorted.equals(signedHeaders)) {
      return Result.refused(SIGNATURE_MISMATCH);
    }
    String bodySha256 = hex(sha256(body));
    String contentSha256 = single(headers, "x-amz-content-sha256");
    if (contentSha256 == null && requireContentSha256) {
      return Result.refused("Missing required header: x-amz-content-sha256");
    }
    if (contentSha256 != null && !contentSha256.equals(bodySha256)) {
      return Result.refused(
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    String canonical = canonicalRequest(method, target, headers, signedHeaders, bodySha256);
    if (canonical == null) {
      return Result.refused(SIGNATURE_MISMATCH);
    }
    String scope = scopeDate + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(utf8(canonical)));
    String expected = hex(hmac(signingKey(secret, scopeDate), stringToSign));
    boolean match = MessageDigest.isEqual(utf8(expected), utf8(signature));
    return new Result(match, match ? null : SIGNATURE_MISMATCH, canonical, stringToSign, expected);
  }

  /** The canonical request, or null when a signed header is missing. */
  static String canonicalRequest(
      String method,
      String target,
      List<Header> headers,
      List<String> signedHeaders,
      String payloadSha256) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    StringBuilder sb = new StringBuilder();
    sb.append(method).append('\n');
    sb.append(canonicalUri(path)).append('\n');
    sb.append(canonicalQuery(query)).append('\n');
    for (String name : signedHeaders) {
      List<String> values = new ArrayList<>();
      for (Header h : headers) {
        if (h.name().equalsIgnoreCase(name)) {
          values.add(h.value().trim().replaceAll(" +", " "));
        }
      }
      if (values.isEmpty()) {
        return null;
      }
      sb.append(name).append(':').append(String.join(",", values)).append('\n');
    }
    sb.append('\n');
    sb.append(String.join(";", signedHeaders)).append('\n');
    sb.append(payloadSha256);
    return sb.toString();
  }

  static String canonicalUri(String rawPath) {
    if (rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : utf8(rawPath)) {
      if (b == '/') {
        sb.append('/');
      } else {
        encodeByte(sb, b);
      }
    }
    return sb.toString();
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  /** Percent-decoding, '+' as a space. */
  static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** RFC 3986 encoding: unreserved characters as they are, every other byte as %XX. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : utf8(s)) {
      encodeByte(sb, b);
    }
    return sb.toString();
  }

  private static void encodeByte(StringBuilder sb, byte b) {
    char c = (char) (b & 0xff);
    if ((c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~') {
      sb.append(c);
    } else {
      sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
    }
  }

  /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
  byte[] signingKey(String secret, String date) {
    byte[] k = hmac(utf8("AWS4" + secret), date);
    k = hmac(k, region);
    k = hmac(k, service);
    return hmac(k, "aws4_request");
  }

  private static String single(List<Header> headers, String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value().trim();
      }
    }
    return null;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(utf8(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
