package io.tidestream.noaa.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidestream.noaa.api.NoaaApiException;
import io.tidestream.noaa.api.NoaaErrorKind;
import io.tidestream.noaa.parse.ErrorMessages;
import io.tidestream.noaa.parse.NoaaResponseParser;
import io.tidestream.noaa.parse.ParsedResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP access to NOAA's datagetter and metadata APIs. Adds the {@code application} parameter and a
 * User-Agent naming the project; OkHttp asks for gzip and unpacks it. Every failure comes back as a
 * {@link NoaaApiException} with a {@link NoaaErrorKind}. The task's scheduler decides when to ask
 * again; the only retry here is for a pooled connection the server had already closed ({@link
 * StaleConnections}), which is part of the same request. One instance per task, closed in {@code
 * stop()}.
 */
public final class NoaaClient implements AutoCloseable {

  /** Idle connections are closed by the client before a server would close them. */
  static final Duration IDLE_CONNECTION_KEEP_ALIVE = Duration.ofSeconds(20);

  private final HttpUrl dataUrl;
  private final HttpUrl metadataUrl;
  private final String application;
  private final OkHttpClient http;
  private final OkHttpClient freshConnections;
  private final NoaaResponseParser parser;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Clock clock;

  public NoaaClient(
      String dataUrl,
      String metadataUrl,
      String application,
      String userAgent,
      Duration connectTimeout,
      Duration readTimeout,
      Clock clock) {
    this.dataUrl = HttpUrl.get(dataUrl);
    this.metadataUrl = HttpUrl.get(metadataUrl.endsWith("/") ? metadataUrl : metadataUrl + "/");
    this.application = application;
    this.clock = clock;
    this.parser = new NoaaResponseParser(mapper);
    OkHttpClient.Builder common =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS)
            // OkHttp's own recovery would also retry silently after failures on fresh
            // connections and on other addresses; StaleConnectionRetry retries only what it must
            .retryOnConnectionFailure(false)
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent).build()));
    // keeps no idle connection: every request on it opens a new one (shares the dispatcher)
    this.freshConnections =
        common.connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    this.http =
        common
            // Servers close idle keep-alive connections (the JDK server after 30 s, load balancers
            // after about a minute, some right after each answer). Idle connections are dropped
            // before the usual timeouts; one closed sooner is retried by StaleConnectionRetry.
            .connectionPool(
                new ConnectionPool(5, IDLE_CONNECTION_KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
            .eventListenerFactory(StaleConnectionRetry.TRACE_EVENTS)
            .addInterceptor(new StaleConnectionRetry(freshConnections))
            .build();
  }

  /** The URL of one datagetter request (also recorded on the errors topic). */
  public HttpUrl url(DataRequest r) {
    HttpUrl.Builder b =
        dataUrl
            .newBuilder()
            .addQueryParameter("station", r.station())
            .addQueryParameter("product", r.product().apiName())
            .addQueryParameter("begin_date", r.beginParam())
            .addQueryParameter("end_date", r.endParam())
            .addQueryParameter("units", r.units())
            .addQueryParameter("time_zone", "gmt")
            .addQueryParameter("format", "json")
            .addQueryParameter("application", application);
    if (r.datum() != null) {
      b.addQueryParameter("datum", r.datum());
    }
    if (r.interval() != null) {
      b.addQueryParameter("interval", r.interval());
    }
    return b.build();
  }

  /** Sends one request without blocking; the future fails with a {@link NoaaApiException}. */
  public CompletableFuture<ParsedResponse> fetch(DataRequest request) {
    CompletableFuture<ParsedResponse> result = new CompletableFuture<>();
    Call call =
        http.newCall(StaleConnectionRetry.traced(new Request.Builder().url(url(request)).get()));
    call.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call c, IOException e) {
            result.completeExceptionally(
                new NoaaApiException(
                    NoaaErrorKind.TRANSIENT,
                    0,
                    "No answer from NOAA for " + request.describe() + ": " + e,
                    null,
                    null,
                    null,
                    e));
          }

          @Override
          public void onResponse(Call c, Response response) {
            try (response) {
              byte[] body = readBody(response);
              checkStatus(response, body);
              result.complete(parser.parse(request.product(), body));
            } catch (NoaaApiException e) {
              result.completeExceptionally(e);
            } catch (IOException | RuntimeException e) {
              result.completeExceptionally(
                  new NoaaApiException(
                      NoaaErrorKind.TRANSIENT,
                      response.code(),
                      "Reading NOAA's answer failed for " + request.describe() + ": " + e,
                      null,
                      null,
                      null,
                      e));
            }
          }
        });
    result.whenComplete(
        (r, e) -> {
          if (result.isCancelled()) {
            call.cancel();
          }
        });
    return result;
  }

  /** Reads a metadata API resource, e.g. {@code stations.json?type=waterlevels}. */
  public JsonNode metadata(String path, String... queryNameValues) throws NoaaApiException {
    HttpUrl.Builder b = metadataUrl.newBuilder(path);
    if (b == null) {
      throw new IllegalArgumentException("bad metadata path " + path);
    }
    for (int i = 0; i + 1 < queryNameValues.length; i += 2) {
      b.addQueryParameter(queryNameValues[i], queryNameValues[i + 1]);
    }
    Request req = StaleConnectionRetry.traced(new Request.Builder().url(b.build()).get());
    try (Response response = http.newCall(req).execute()) {
      byte[] body = readBody(response);
      checkStatus(response, body);
      JsonNode root = mapper.readTree(body);
      if (root.has("errorMsg") || root.has("error")) {
        String msg = root.path("errorMsg").asText(root.path("error").path("message").asText());
        throw new NoaaApiException(
            NoaaErrorKind.WRONG_PARAMETER, "NOAA metadata API: " + msg, msg, null);
      }
      return root;
    } catch (IOException e) {
      throw new NoaaApiException(
          NoaaErrorKind.TRANSIENT, 0, "NOAA metadata API unreachable: " + e, null, null, null, e);
    }
  }

  private static byte[] readBody(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? new byte[0] : body.bytes();
  }

  private void checkStatus(Response response, byte[] body) throws NoaaApiException {
    int code = response.code();
    if (code >= 200 && code < 300) {
      return;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    if (code == 403) {
      String type = response.header("x-amzn-ErrorType", "none");
      throw new NoaaApiException(
          NoaaErrorKind.BANNED,
          403,
          "NOAA refused the request with 403 Forbidden (x-amzn-ErrorType: " + type + ")",
          null,
          text,
          null,
          null);
    }
    if (code == 429 || code == 503) {
      Duration retryAfter =
          RetryAfter.parse(response.header("Retry-After"), clock.instant()).orElse(null);
      throw new NoaaApiException(
          code == 429 ? NoaaErrorKind.THROTTLED : NoaaErrorKind.TRANSIENT,
          code,
          "NOAA answered HTTP " + code + (retryAfter == null ? "" : ", Retry-After " + retryAfter),
          null,
          text,
          retryAfter,
          null);
    }
    if (code >= 500 || code == 408) {
      throw new NoaaApiException(
          NoaaErrorKind.TRANSIENT, code, "NOAA answered HTTP " + code, null, text, null, null);
    }
    // Other 4xx: NOAA may put an error object in the body; classify it, else a bad parameter.
    String noaaMessage = errorMessage(text);
    NoaaErrorKind kind =
        noaaMessage == null ? NoaaErrorKind.WRONG_PARAMETER : ErrorMessages.classify(noaaMessage);
    throw new NoaaApiException(
        kind,
        code,
        "NOAA answered HTTP " + code + (noaaMessage == null ? "" : ": " + noaaMessage),
        noaaMessage,
        text,
        null,
        null);
  }

  private String errorMessage(String text) {
    try {
      JsonNode root = mapper.readTree(text);
      if (root == null) {
        return null;
      }
      JsonNode m = root.path("error").path("message");
      if (m.isTextual()) {
        return m.asText().trim();
      }
      return root.path("message").isTextual() ? root.path("message").asText().trim() : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    http.dispatcher().cancelAll();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    freshConnections.connectionPool().evictAll();
  }
}
