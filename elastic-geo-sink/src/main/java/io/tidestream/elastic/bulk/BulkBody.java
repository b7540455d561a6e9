package io.tidestream.elastic.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The body of one {@code _bulk} request: its documents' NDJSON bytes, one after the other, held as
 * the documents themselves rather than joined into a second array. A transport that can stream
 * writes them out in turn ({@link #writeTo}, {@link #stream}); {@link #toByteArray} joins them for
 * one that cannot. The arrays are never changed, so the body may be read on any thread.
 */
public final class BulkBody {

  private final byte[][] documents;
  private final int length;

  /**
   * @param documents each document's NDJSON bytes (action line and source line), in request order
   */
  public BulkBody(byte[][] documents) {
    this.documents = documents;
    long total = 0;
    for (byte[] d : documents) {
      total += d.length;
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a bulk body of " + total + " bytes is too large");
    }
    this.length = (int) total;
  }

  /** Bytes in the body. */
  public int length() {
    return length;
  }

  /** Documents (bulk actions) in the body. */
  public int count() {
    return documents.length;
  }

  /** Writes the whole body to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    for (byte[] d : documents) {
      out.write(d);
    }
  }

  /** The body as a stream, read document after document without joining them. */
  public InputStream stream() {
    return new Stream();
  }

  /** The body joined into one array, for a transport that needs it so. */
  public byte[] toByteArray() {
    byte[] body = new byte[length];
    int pos = 0;
    for (byte[] d : documents) {
      System.arraycopy(d, 0, body, pos, d.length);
      pos += d.length;
    }
    return body;
  }

  private final class Stream extends InputStream {
    private int document;
    private int offset;

    @Override
    public int read() {
      while (document < documents.length) {
        byte[] d = documents[document];
        if (offset < d.length) {
          return d[offset++] & 0xff;
        }
        document++;
        offset = 0;
      }
      return -1;
    }

    @Override
    public int read(byte[] target, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int copied = 0;
      while (copied < len && document < documents.length) {
        byte[] d = documents[document];
        int n = Math.min(d.length - offset, len - copied);
        System.arraycopy(d, offset, target, off + copied, n);
        copied += n;
        offset += n;
        if (offset == d.length) {
          document++;
          offset = 0;
        }
      }
      return copied == 0 ? -1 : copied;
    }
  }
}
