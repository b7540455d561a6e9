package io.tidestream.elastic.client;

import io.tidestream.elastic.bulk.BulkTransport;
import java.io.IOException;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.ResponseListener;
import org.opensearch.client.RestClient;

/**
 * Sends {@code POST /_bulk} asynchronously. The response is trimmed with {@code filter_path} to
 * what the classifier reads (errors, item status, error type and reason).
 */
public final class RestBulkTransport implements BulkTransport {

  static final ContentType NDJSON = ContentType.create("application/x-ndjson");
  static final String FILTER_PATH = "errors,items.*.status,items.*.error.type,items.*.error.reason";

  private final RestClient client;

  public RestBulkTransport(RestClient client) {
    this.client = client;
  }

  @Override
  public void send(byte[] body, Listener listener) {
    Request request = new Request("POST", "/_bulk");
    request.addParameter("filter_path", FILTER_PATH);
    request.setEntity(new ByteArrayEntity(body, NDJSON));
    client.performRequestAsync(request, new ResponseListener() {
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
    try {
      client.close();
    } catch (IOException e) {
      // closing; nothing left to do
    }
  }
}
