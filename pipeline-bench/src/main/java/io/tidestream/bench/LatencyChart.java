package io.tidestream.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency against the offered rate: p50 and p99 of produce→acknowledged and produce→searchable, one
 * dot per window and a line through the medians; the targets as horizontal lines, half the
 * streaming capacity as a vertical one.
 */
final class LatencyChart {
  private LatencyChart() {}

  private static final Color[] COLORS = {
    new Color(0x2b6cb0), new Color(0x90cdf4), new Color(0x2f855a), new Color(0x9ae6b4)
  };

  private record Series(String name, ToDoubleFunction<LatencyResults.Window> value) {}

  private static final List<Series> SERIES =
      List.of(
          new Series("acknowledged p99", LatencyResults.Window::ackP99),
          new Series("acknowledged p50", LatencyResults.Window::ackP50),
          new Series("searchable p99", LatencyResults.Window::searchP99),
          new Series("searchable p50", LatencyResults.Window::searchP50));

  static void write(LatencyResults l, Path png) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    int s = 0;
    for (Series series : SERIES) {
      ToDoubleFunction<LatencyResults.Window> value = series.value();
      XYSeries medians = new XYSeries(series.name() + " (median of windows)");
      XYSeries windows = new XYSeries(series.name() + " (each window)");
      for (double share : l.shares()) {
        List<Double> values =
            l.at(share).stream().map(value::applyAsDouble).filter(v -> !Double.isNaN(v)).toList();
        double rate = l.at(share).get(0).rate();
        values.forEach(v -> windows.add(rate, v));
        if (!values.isEmpty()) {
          medians.add(rate, BenchResults.Spread.of(values).median());
        }
      }
      data.addSeries(medians);
      renderer.setSeriesPaint(s, COLORS[s / 2]);
      renderer.setSeriesStroke(s, new BasicStroke(2f));
      renderer.setSeriesShapesVisible(s, false);
      s++;
      data.addSeries(windows);
      renderer.setSeriesPaint(s, COLORS[(s - 1) / 2]);
      renderer.setSeriesLinesVisible(s, false);
      renderer.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
      renderer.setSeriesVisibleInLegend(s, false);
      s++;
    }
    NumberAxis x = new NumberAxis("offered records per second");
    NumberAxis y = new NumberAxis("milliseconds");
    y.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xcbd5e0));
    plot.setDomainGridlinePaint(new Color(0xcbd5e0));
    plot.addRangeMarker(target(LatencyReport.ACK_P99_TARGET_MS, "acknowledged p99 target"));
    plot.addRangeMarker(target(LatencyReport.SEARCHABLE_P99_TARGET_MS, "searchable p99 target"));
    ValueMarker half =
        new ValueMarker(
            l.capacity() * LatencyResults.HEADLINE_SHARE,
            Color.GRAY,
            new BasicStroke(
                1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
    half.setLabel("half the streaming capacity");
    half.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
    half.setLabelTextAnchor(TextAnchor.TOP_LEFT);
    plot.addDomainMarker(half);
    JFreeChart chart =
        new JFreeChart(
            String.format(
                "Latency against the offered rate (streaming capacity %,.0f records/s)",
                l.capacity()),
            new Font(Font.SANS_SERIF, Font.BOLD, 14),
            plot,
            true);
    chart.setBackgroundPaint(Color.WHITE);
    try {
      ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ValueMarker target(double ms, String label) {
    ValueMarker m = new ValueMarker(ms, new Color(0xc53030), new BasicStroke(1.5f));
    m.setLabel(label + " " + (long) ms + " ms");
    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
    m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    return m;
  }
}
