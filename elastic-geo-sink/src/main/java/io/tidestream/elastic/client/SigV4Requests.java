package io.tidestream.elastic.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.http.Header;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * What of a request the sink's SigV4 signature covers, decided apart from the I/O (pure): the
 * request as it goes on the wire (method, the path and query of its request line, the Host header
 * the HTTP client wrote) turned into the AWS SDK's request, which the SDK's signer canonicalises
 * (path URI-encoded once more, query parameters decoded, re-encoded per RFC 3986 and sorted).
 *
 * <p>Signed headers: {@link #SIGNED} only. Host and the {@code x-amz-*} headers are what Amazon
 * OpenSearch Service and Serverless require; Content-Type and Content-Encoding say how to read the
 * body whose SHA-256 is signed. Hop-by-hop and proxy headers (Connection, Proxy-Authorization,
 * Transfer-Encoding, Content-Length, which a proxy may change), Accept-Encoding and User-Agent are
 * left out so nothing between the sink and AWS can break the signature.
 */
final class SigV4Requests {

  /** The request headers the signature covers, besides those the signer adds. */
  static final Set<String> SIGNED =
      Set.of("host", "content-type", "content-encoding", "x-amz-content-sha256");

  private SigV4Requests() {}

  /** True when the signature covers this header. */
  static boolean signed(String headerName) {
    return SIGNED.contains(headerName.toLowerCase(Locale.ROOT));
  }

  /**
   * The request to sign.
   *
   * @param method the request method
   * @param requestTarget the request line's target: a path with query (origin form) or, through a
   *     forward proxy, an absolute URL
   * @param scheme http or https, of the engine
   * @param headers the headers the HTTP client sends, Host among them
   */
  static SdkHttpRequest of(String method, String requestTarget, String scheme, Header[] headers) {
    String path;
    String query;
    if (requestTarget.startsWith("http://") || requestTarget.startsWith("https://")) {
      URI uri = URI.create(requestTarget);
      path = uri.getRawPath();
      query = uri.getRawQuery();
    } else {
      int q = requestTarget.indexOf('?');
      path = q < 0 ? requestTarget : requestTarget.substring(0, q);
      query = q < 0 ? null : requestTarget.substring(q + 1);
    }
    SdkHttpRequest.Builder b =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method.toUpperCase(Locale.ROOT)))
            .protocol(scheme)
            .encodedPath(path == null || path.isEmpty() ? "/" : path);
    String host = null;
    for (Header h : headers) {
      if (signed(h.getName())) {
        b.appendHeader(h.getName(), h.getValue());
        if (h.getName().equalsIgnoreCase("host")) {
          host = h.getValue();
        }
      }
    }
    if (host == null) {
      throw new IllegalArgumentException("a request to sign needs its Host header");
    }
    hostAndPort(b, host);
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        b.appendRawQueryParameter(name, value);
      }
    }
    return b.build();
  }

  /**
   * The Host header to send and sign: the HTTP client writes the port even when it is the scheme's
   * default ({@code host:443}); AWS's own clients send the bare host, so the sink does too.
   */
  static String hostHeader(String host, String scheme) {
    String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
    return host.endsWith(defaultPort) && host.lastIndexOf(':') > host.lastIndexOf(']')
        ? host.substring(0, host.length() - defaultPort.length())
        : host;
  }

  /** The SDK request's host and port, from the Host header (host, host:port, [v6]:port). */
  private static void hostAndPort(SdkHttpRequest.Builder b, String host) {
    int colon = host.lastIndexOf(':');
    if (colon > 0 && colon > host.lastIndexOf(']')) {
      b.host(host.substring(0, colon));
      b.port(Integer.parseInt(host.substring(colon + 1)));
    } else {
      b.host(host);
    }
  }

  /**
   * A query component as the engine reads it: percent-decoded, {@code +} a space (the REST client
   * writes parameters with Apache's URIBuilder, form-style).
   */
  static String decode(String component) {
    return URLDecoder.decode(component, StandardCharsets.UTF_8);
  }
}
