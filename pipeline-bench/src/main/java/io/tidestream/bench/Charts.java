package io.tidestream.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The two PNG charts of a run: bars are medians, dots are the single repetitions (so the spread is
 * visible), and a line marks the reference (the raw bulk ceiling; the 2 s latency target).
 */
final class Charts {
  private Charts() {}

  private static final Color BAR = new Color(0x2b6cb0);
  private static final Color DOT = new Color(0x1a202c);
  private static final Color LINE = new Color(0xc53030);

  /** Sink throughput per writer, the ceiling (the raw rounds' median) as a line. */
  static void throughput(BenchResults r, Path png) {
    DefaultCategoryDataset medians = new DefaultCategoryDataset();
    DefaultCategoryDataset runs = new DefaultCategoryDataset();
    for (String writer : r.plan().writers()) {
      medians.addValue(r.steady(writer).median(), "median", writer);
      for (BenchResults.Throughput t : r.throughput()) {
        if (t.writer().equals(writer)) {
          runs.addValue(t.steadyRate(), "repetition " + t.repetition(), writer);
        }
      }
    }
    CategoryPlot plot = plot(medians, runs, "documents per second (steady)");
    double ceiling = r.steady(BenchResults.RAW).median();
    ValueMarker marker = new ValueMarker(ceiling, LINE, new BasicStroke(2f));
    marker.setLabel(String.format("raw bulk ceiling %,.0f/s", ceiling));
    marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
    marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    plot.addRangeMarker(marker);
    double top =
        Math.max(
            ceiling,
            r.throughput().stream()
                .mapToDouble(BenchResults.Throughput::steadyRate)
                .max()
                .orElse(1));
    plot.getRangeAxis().setUpperBound(top * 1.15);
    save(
        new JFreeChart(
            "elastic-geo-sink throughput against the engine's own bulk ceiling",
            new Font(Font.SANS_SERIF, Font.BOLD, 14),
            plot,
            false),
        png);
  }

  /** Latency against the offered rate: {@link LatencyChart}. */
  static void latency(BenchResults r, Path png) {
    LatencyChart.write(r.latency(), png);
  }

  private static CategoryPlot plot(
      DefaultCategoryDataset medians, DefaultCategoryDataset runs, String rangeLabel) {
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, BAR);
    bars.setMaximumBarWidth(0.18);
    LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true);
    for (int i = 0; i < Math.max(1, runs.getRowCount()); i++) {
      dots.setSeriesPaint(i, DOT);
      dots.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
    }
    NumberAxis range = new NumberAxis(rangeLabel);
    range.setAutoRangeIncludesZero(true);
    CategoryPlot plot = new CategoryPlot(medians, new CategoryAxis(), range, bars);
    plot.setDataset(1, runs);
    plot.setRenderer(1, dots);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xcbd5e0));
    return plot;
  }

  private static void save(JFreeChart chart, Path png) {
    chart.setBackgroundPaint(Color.WHITE);
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
