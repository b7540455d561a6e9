package io.tidestream.elastic.client;

import io.tidestream.elastic.bulk.BulkBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.ContentEncoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.entity.HttpAsyncContentProducer;

/**
 * A {@code _bulk} request body streamed from its documents: the async HTTP client writes them
 * through one small chunk buffer instead of a second array as large as the body (which, for a
 * request of several hundred kB, the JVM allocates outside the young generation). Repeatable (the
 * REST client may send a request again to another node): {@link #close()} starts it over. With
 * {@code connection.compression} the REST client gzips it through {@link #writeTo}.
 */
final class NdjsonBodyEntity extends AbstractHttpEntity implements HttpAsyncContentProducer {

  /** Bytes handed to the connection at a time. */
  static final int CHUNK = 16 * 1024;

  private final BulkBody body;
  private InputStream producing;
  private ByteBuffer chunk;

  NdjsonBodyEntity(BulkBody body, ContentType type) {
    this.body = body;
    setContentType(type.toString());
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }

  @Override
  public long getContentLength() {
    return body.length();
  }

  @Override
  public InputStream getContent() {
    return body.stream();
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    body.writeTo(out);
  }

  @Override
  public boolean isStreaming() {
    return false;
  }

  @Override
  public void produceContent(ContentEncoder encoder, IOControl control) throws IOException {
    if (producing == null) {
      producing = body.stream();
      if (chunk == null) {
        chunk = ByteBuffer.allocate(Math.min(CHUNK, Math.max(1, body.length())));
      }
      chunk.limit(0);
    }
    while (true) {
      if (!chunk.hasRemaining()) {
        int n = producing.read(chunk.array(), 0, chunk.capacity());
        if (n < 0) {
          encoder.complete();
          return;
        }
        chunk.position(0).limit(n);
      }
      encoder.write(chunk);
      if (chunk.hasRemaining()) {
        return; // the connection takes no more now; called again when it does
      }
    }
  }

  /** Done sending, or sending again: the next {@link #produceContent} starts from the beginning. */
  @Override
  public void close() {
    producing = null;
  }
}
