package io.tidestream.elastic.client;

import io.tidestream.elastic.bulk.BulkBody;
import io.tidestream.elastic.bulk.BulkTransport;
import io.tidestream.elastic.retry.ResponseClassifier;
import java.io.IOException;
import java.util.function.Supplier;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.ResponseListener;
import org.opensearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code POST /_bulk} asynchronously. The response is trimmed with {@code filter_path} to
 * what the classifier reads (errors, item status, error type, reason and cause). {@link #reset()}
 * swaps the REST client for a new one from the factory and closes the old one.
 */
public final class RestBulkTransport implements BulkTransport {

  private static final Logger log = LoggerFactory.getLogger(RestBulkTransport.class);

  static final ContentType NDJSON = ContentType.create("application/x-ndjson");

  /**
   * Keeps {@code caused_by}: for many mapping errors the reason only says "failed to parse" and the
   * cause says why.
   */
  static final String FILTER_PATH =
      "errors,items.*.status,items.*.error.type,items.*.error.reason,items.*.error.caused_by";

  private final Supplier<RestClient> clients;
  private final String pipeline;
  private volatile RestClient client;
  private volatile boolean closed;

  /** A transport over {@code client} that cannot be reset (reset keeps the client). */
  public RestBulkTransport(RestClient client) {
    this(() -> client, client, null);
  }

  /** A transport whose client comes from {@code clients}, now and after each reset. */
  public RestBulkTransport(Supplier<RestClient> clients) {
    this(clients, null);
  }

  /**
   * A transport whose client comes from {@code clients}; every request names the ingest {@code
   * pipeline} (null: none).
   */
  public RestBulkTransport(Supplier<RestClient> clients, String pipeline) {
    this(clients, clients.get(), pipeline);
  }

  private RestBulkTransport(Supplier<RestClient> clients, RestClient first, String pipeline) {
    this.clients = clients;
    this.client = first;
    this.pipeline = pipeline;
  }

  /** The client requests go through now (for start-up work such as engine detection). */
  public RestClient client() {
    return client;
  }

  @Override
  public void reset() {
    RestClient fresh;
    RestClient old;
    synchronized (this) {
      if (closed) {
        return;
      }
      fresh = clients.get();
      old = client;
      if (fresh == old) {
        return;
      }
      client = fresh;
    }
    log.info("Replaced the REST client; closing the old one");
    closeQuietly(old);
  }

  @Override
  public void probe() throws IOException {
    try {
      client.performRequest(new Request("GET", "/"));
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (ResponseClassifier.busy(status)) {
        throw new IOException("the engine answers HTTP " + status, e);
      }
      // Any other answer (401, 403, or 405 from a minimal distribution) means the engine is there.
    }
  }

  @Override
  public void send(byte[] body, Listener listener) {
    send(new ByteArrayEntity(body, NDJSON), listener);
  }

  /** Streams the documents to the connection without joining them ({@link NdjsonBodyEntity}). */
  @Override
  public void send(BulkBody body, Listener listener) {
    send(new NdjsonBodyEntity(body, NDJSON), listener);
  }

  private void send(HttpEntity entity, Listener listener) {
    Request request = new Request("POST", "/_bulk");
    request.addParameter("filter_path", FILTER_PATH);
    if (pipeline != null) {
      request.addParameter("pipeline", pipeline);
    }
    request.setEntity(entity);
    client.performRequestAsync(
        request,
        new ResponseListener() {
          @Override
          public void onSuccess(Response response) {
            deliver(response, listener);
          }

          @Override
          public void onFailure(Exception e) {
            if (e instanceof ResponseException re) {
              deliver(re.getResponse(), listener);
            } else {
              listener.onFailure(e);
            }
          }
        });
  }

  private static void deliver(Response response, Listener listener) {
    int status = response.getStatusLine().getStatusCode();
    byte[] bytes;
    try {
      HttpEntity entity = response.getEntity();
      bytes = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
    } catch (IOException e) {
      listener.onFailure(e);
      return;
    }
    listener.onResponse(status, bytes);
  }

  @Override
  public void close() {
    RestClient last;
    synchronized (this) {
      closed = true;
      last = client;
    }
    closeQuietly(last);
  }

  private static void closeQuietly(RestClient c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      // closing; nothing left to do
    }
  }
}
