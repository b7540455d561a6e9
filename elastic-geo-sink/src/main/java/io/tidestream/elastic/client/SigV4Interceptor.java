package io.tidestream.elastic.client;

import java.io.IOException;
import java.util.Map;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;

/**
 * Signs every request the REST client sends (bulk, probes, template installs: all go through the
 * one HTTP client) with AWS SigV4. Added last to the HTTP client's interceptors, so it sees the
 * request as it goes out: the request line after the client rewrote it, the Host header, and the
 * entity that is sent, gzipped when {@code connection.compression} is on.
 *
 * <p>The body is not buffered: its entity is repeatable (the bulk body streams from its documents,
 * the gzip wrapper of the REST client compresses it into a buffer of its own, other bodies are byte
 * arrays) and deterministic, so the signer reads it once more through SHA-256 and the HTTP client
 * then sends the same bytes. A CONNECT to a forward proxy goes through the client's proxy
 * interceptors, not this one, and is never signed.
 */
final class SigV4Interceptor implements HttpRequestInterceptor {

  private final AwsSigV4 sigV4;

  SigV4Interceptor(AwsSigV4 sigV4) {
    this.sigV4 = sigV4;
  }

  @Override
  public void process(HttpRequest request, HttpContext context) throws HttpException, IOException {
    HttpHost target = HttpCoreContext.adapt(context).getTargetHost();
    String scheme = target == null ? "https" : target.getSchemeName();
    Header host = request.getFirstHeader("Host");
    if (host != null || target != null) {
      String value = host != null ? host.getValue() : target.toHostString();
      request.setHeader("Host", SigV4Requests.hostHeader(value, scheme));
    }
    HttpEntity entity =
        request instanceof HttpEntityEnclosingRequest enclosing ? enclosing.getEntity() : null;
    Map<String, String> headers;
    try {
      headers =
          sigV4.sign(
              SigV4Requests.of(
                  request.getRequestLine().getMethod(),
                  request.getRequestLine().getUri(),
                  scheme,
                  request.getAllHeaders()),
              entity);
    } catch (RuntimeException e) {
      throw new IOException(
          "Cannot sign the request with AWS SigV4: " + e.getClass().getSimpleName(), e);
    }
    request.removeHeaders("Authorization");
    headers.forEach(request::setHeader);
  }
}
