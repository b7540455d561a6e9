package io.tidestream.elastic.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A request body held as its documents reads, streams and joins to the same bytes. */
class BulkBodyTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private final BulkBody body =
      new BulkBody(
          new byte[][] {bytes("{\"a\":1}\n"), new byte[0], bytes("{\"b\":22}\n"), bytes("é\n")});

  private static final String WHOLE = "{\"a\":1}\n{\"b\":22}\né\n";

  @Test
  void joinsWritesAndCountsTheDocumentsInOrder() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    body.writeTo(out);

    assertThat(new String(body.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(WHOLE);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(WHOLE);
    assertThat(body.length()).isEqualTo(bytes(WHOLE).length);
    assertThat(body.count()).isEqualTo(4);
  }

  @Test
  void streamsInChunksThatCrossDocumentsAndByteByByte() throws Exception {
    for (int chunk = 1; chunk <= body.length() + 1; chunk++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (InputStream in = body.stream()) {
        byte[] buffer = new byte[chunk];
        int n;
        while ((n = in.read(buffer, 0, chunk)) >= 0) {
          assertThat(n).isPositive();
          out.write(buffer, 0, n);
        }
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThat(out.toString(StandardCharsets.UTF_8)).as("chunks of %d", chunk).isEqualTo(WHOLE);
    }
    ByteArrayOutputStream single = new ByteArrayOutputStream();
    try (InputStream in = body.stream()) {
      int b;
      while ((b = in.read()) >= 0) {
        single.write(b);
      }
    }
    assertThat(single.toString(StandardCharsets.UTF_8)).isEqualTo(WHOLE);
  }
}
