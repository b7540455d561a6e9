package io.tidestream.elastic.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoMillisTest {

  private static String written(long millis) {
    ByteArrayBuilder out = new ByteArrayBuilder();
    IsoMillis.appendQuoted(out, millis);
    return new String(out.toByteArray(), StandardCharsets.US_ASCII);
  }

  private static String formatter(long millis) {
    return "\"" + DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis)) + "\"";
  }

  @Test
  void writesWhatIsoInstantWritesForEveryKindOfTime() {
    long[] edges = {
      0,
      1,
      999,
      1000,
      86_399_999,
      86_400_000,
      951_782_400_000L /* 2000-02-29 */,
      4_107_542_400_000L /* 2100-03-01 */,
      1_420_070_760_000L,
      IsoMillis.MAX,
      IsoMillis.MAX + 1,
      -1,
      -86_400_001,
      Long.MIN_VALUE / 1000,
      1_420_070_760_250L
    };
    for (long t : edges) {
      assertThat(written(t)).as("%d", t).isEqualTo(formatter(t));
    }
    Random r = new Random(13);
    for (int i = 0; i < 200_000; i++) {
      long t = (long) (r.nextDouble() * 1.2 * IsoMillis.MAX) - IsoMillis.MAX / 10;
      if (r.nextBoolean()) {
        t -= t % 60_000; // whole minutes, like NOAA's times
      }
      assertThat(written(t)).as("%d", t).isEqualTo(formatter(t));
    }
  }
}
