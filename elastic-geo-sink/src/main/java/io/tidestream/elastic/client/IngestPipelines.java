package io.tidestream.elastic.client;

import io.tidestream.elastic.retry.ResponseClassifier;
import java.io.IOException;
import org.opensearch.client.Request;
import org.opensearch.client.ResponseException;
import org.opensearch.client.RestClient;

/** Start-up check of {@code ingest.pipeline}: does the engine know the pipeline? */
public final class IngestPipelines {

  private IngestPipelines() {}

  /**
   * Asks the engine for the pipeline ({@code GET /_ingest/pipeline/<id>}).
   *
   * @return null when it exists, or when the engine does not say it is missing (e.g. the user may
   *     not read pipelines: the bulk requests then show it); else what is wrong and how to fix it
   * @throws IOException when the engine cannot be reached
   */
  public static String problem(RestClient client, String pipeline) throws IOException {
    try {
      client.performRequest(new Request("GET", "/_ingest/pipeline/" + pipeline));
      return null;
    } catch (ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (status == 404) {
        return "The ingest pipeline '"
            + pipeline
            + "' (ingest.pipeline) does not exist on the engine; create it (PUT"
            + " _ingest/pipeline/"
            + pipeline
            + ") or correct ingest.pipeline";
      }
      if (ResponseClassifier.busy(status)) {
        throw new IOException("the engine answers HTTP " + status, e);
      }
      // 401/403: no right to read pipelines; indexing through it may still be allowed. Other
      // answers do not say it is missing: the bulk requests will tell.
      return null;
    }
  }
}
