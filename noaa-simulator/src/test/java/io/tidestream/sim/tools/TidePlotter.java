package io.tidestream.sim.tools;

import io.tidestream.sim.data.DataGenerator;
import io.tidestream.sim.data.DataQuery;
import io.tidestream.sim.data.NoaaApiException;
import io.tidestream.sim.data.Product;
import io.tidestream.sim.data.Station;
import io.tidestream.sim.data.StationCatalog;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Plots three days of simulated water level (6-minute observations, MLLW, metres) with the day's
 * highs and lows for Key West and Seattle, one panel each.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp noaa-simulator/target/classes:noaa-simulator/target/test-classes:$(cat
 *   noaa-simulator/target/classpath.txt) io.tidestream.sim.tools.TidePlotter docs/simulator-tides.png
 * </pre>
 */
public final class TidePlotter {

  public static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
  public static final Duration SPAN = Duration.ofDays(3);
  private static final List<String> STATIONS = List.of("8724580", "9447130");
  private static final int WIDTH = 1200;
  private static final int PANEL_HEIGHT = 330;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 40;
  private static final int BOTTOM = 40;
  private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private TidePlotter() {}

  public static void main(String[] args) throws IOException, NoaaApiException {
    System.setProperty("java.awt.headless", "true");
    Path output = Paths.get(args.length > 0 ? args[0] : "simulator-tides.png");
    render(output);
    System.out.println("wrote " + output.toAbsolutePath());
  }

  /** Renders the plot to {@code output} (PNG). */
  public static void render(Path output) throws IOException, NoaaApiException {
    StationCatalog catalog = StationCatalog.create(42, 0);
    DataGenerator generator = new DataGenerator(42, 0.01, DataGenerator.DEFAULT_VERIFICATION_LAG);
    Instant now = START.plus(Duration.ofDays(60));
    BufferedImage image =
        new BufferedImage(WIDTH, PANEL_HEIGHT * STATIONS.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int i = 0; i < STATIONS.size(); i++) {
      Station station = catalog.find(STATIONS.get(i)).orElseThrow();
      Instant end = START.plus(SPAN);
      List<Map<String, String>> levels =
          generator.rows(DataQuery.of(station, Product.WATER_LEVEL, START, end), now);
      List<Map<String, String>> extremes =
          generator.rows(DataQuery.of(station, Product.HIGH_LOW, START, end), now);
      drawPanel(g, i * PANEL_HEIGHT, station, levels, extremes);
    }
    g.dispose();
    Files.createDirectories(output.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", output.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  private static void drawPanel(
      Graphics2D g,
      int top,
      Station station,
      List<Map<String, String>> levels,
      List<Map<String, String>> extremes) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Map<String, String> row : levels) {
      if (!row.get("v").isEmpty()) {
        double v = Double.parseDouble(row.get("v"));
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double pad = (max - min) * 0.12;
    min = Math.floor((min - pad) * 10) / 10;
    max = Math.ceil((max + pad) * 10) / 10;
    int plotTop = top + TOP;
    int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;
    int plotWidth = WIDTH - LEFT - RIGHT;

    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(
        station.name()
            + " "
            + station.id()
            + "  -  simulated water level, 6-minute, MLLW (m), "
            + "from "
            + START
            + " (UTC), 3 days",
        LEFT,
        top + 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));

    double step = niceStep(max - min);
    for (double y = Math.ceil(min / step) * step; y <= max + 1e-9; y += step) {
      int py = yPixel(y, min, max, plotTop, plotHeight);
      g.setColor(new Color(225, 225, 225));
      g.drawLine(LEFT, py, LEFT + plotWidth, py);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.1f", y), LEFT - 40, py + 4);
    }
    for (int hour = 0; hour <= SPAN.toHours(); hour += 6) {
      int px = LEFT + (int) Math.round(plotWidth * hour / (double) SPAN.toHours());
      g.setColor(hour % 24 == 0 ? new Color(170, 170, 170) : new Color(235, 235, 235));
      g.drawLine(px, plotTop, px, plotTop + plotHeight);
      g.setColor(Color.DARK_GRAY);
      String label =
          hour % 24 == 0
              ? START.plus(Duration.ofHours(hour)).toString().substring(0, 10)
              : String.format("%02d:00", hour % 24);
      int offset = hour == SPAN.toHours() ? 62 : hour % 24 == 0 ? 28 : 14;
      g.drawString(label, px - offset, plotTop + plotHeight + 16);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, plotTop, plotWidth, plotHeight);

    Path2D.Double line = new Path2D.Double();
    boolean penDown = false;
    for (Map<String, String> row : levels) {
      if (row.get("v").isEmpty()) {
        penDown = false;
        continue;
      }
      double x = xPixel(row.get("t"), plotWidth);
      double y = yPixel(Double.parseDouble(row.get("v")), min, max, plotTop, plotHeight);
      if (penDown) {
        line.lineTo(x, y);
      } else {
        line.moveTo(x, y);
        penDown = true;
      }
    }
    g.setColor(new Color(20, 90, 170));
    g.setStroke(new BasicStroke(2f));
    g.draw(line);
    g.setStroke(new BasicStroke(1f));

    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    for (Map<String, String> e : extremes) {
      double x = xPixel(e.get("t"), plotWidth);
      int y = yPixel(Double.parseDouble(e.get("v")), min, max, plotTop, plotHeight);
      boolean high = e.get("ty").startsWith("H");
      g.setColor(high ? new Color(190, 40, 40) : new Color(30, 130, 60));
      g.fillOval((int) x - 4, y - 4, 8, 8);
      String label = e.get("ty") + " " + e.get("v");
      g.drawString(label, (int) x - 22, high ? y - 8 : y + 17);
    }
  }

  private static double xPixel(String t, int plotWidth) {
    LocalDateTime time = LocalDateTime.parse(t, ROW_TIME);
    double minutes =
        Duration.between(LocalDateTime.ofInstant(START, java.time.ZoneOffset.UTC), time)
            .toMinutes();
    return LEFT + plotWidth * minutes / SPAN.toMinutes();
  }

  private static int yPixel(double v, double min, double max, int plotTop, int plotHeight) {
    return plotTop + (int) Math.round(plotHeight * (max - v) / (max - min));
  }

  private static double niceStep(double range) {
    for (double step : new double[] {0.1, 0.2, 0.25, 0.5, 1.0, 2.0}) {
      if (range / step <= 10) {
        return step;
      }
    }
    return 5.0;
  }
}
