package io.tidestream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's heap as its garbage collector saw it: the pauses of a {@code
 * -Xlog:gc:file=…:time,uptime} log, each with the heap used before and after it. The largest
 * "before" is the peak heap; the largest "after" is the most memory that was really live (what a
 * buffer bound must keep small); pause time over a window is the share of it spent collecting.
 */
final class GcLog {

  /** One pause: when it ended, heap before and after (bytes), heap size (bytes), duration. */
  record Pause(
      Instant at, String kind, long beforeBytes, long afterBytes, long heapBytes, double millis) {
    boolean full() {
      return kind.startsWith("Pause Full");
    }
  }

  /**
   * Over a window: peak heap before a collection, most live after one, pause share, full
   * collections.
   */
  record Summary(
      long peakBytes, long maxLiveBytes, double pauseShare, int pauses, int fullPauses) {}

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  // [2026-11-26T06:00:01.234+0000][5.123s] GC(3) Pause Young (Normal) (G1 Evacuation Pause)
  // 120M->40M(256M) 3.456ms
  private static final Pattern LINE =
      Pattern.compile(
          "^\\[([^\\]]+)\\].*GC\\(\\d+\\) (Pause .*?)"
              + " (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

  private GcLog() {}

  static List<Pause> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Pause> parse(List<String> lines) {
    List<Pause> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (m.find()) {
        Instant at = OffsetDateTime.parse(m.group(1), TIME).toInstant();
        pauses.add(
            new Pause(
                at,
                m.group(2).trim(),
                bytes(m.group(3), m.group(4)),
                bytes(m.group(5), m.group(6)),
                bytes(m.group(7), m.group(8)),
                Double.parseDouble(m.group(9))));
      }
    }
    return pauses;
  }

  /** The pauses that ended within {@code [from, to]}. */
  static Summary summarize(List<Pause> pauses, Instant from, Instant to) {
    long peak = 0;
    long live = 0;
    double millis = 0;
    int count = 0;
    int full = 0;
    for (Pause p : pauses) {
      if (p.at().isBefore(from) || p.at().isAfter(to)) {
        continue;
      }
      peak = Math.max(peak, p.beforeBytes());
      live = Math.max(live, p.afterBytes());
      millis += p.millis();
      count++;
      if (p.full()) {
        full++;
      }
    }
    double window = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
    return new Summary(peak, live, millis / window, count, full);
  }

  private static long bytes(String number, String unit) {
    long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}
