package io.tidestream.sim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TidePlotterTest {

  @Test
  void rendersBothStationsToAPng() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path output = Paths.get("target", "simulator-tides.png");

    TidePlotter.render(output);

    BufferedImage image = ImageIO.read(output.toFile());
    assertThat(image.getWidth()).isEqualTo(1200);
    assertThat(image.getHeight()).isEqualTo(660);
    assertThat(curvePixels(image, 0, 330)).as("Key West curve").isGreaterThan(1000);
    assertThat(curvePixels(image, 330, 660)).as("Seattle curve").isGreaterThan(1000);
  }

  /** Pixels drawn in the curve's blue within rows {@code [fromY, toY)}. */
  private static int curvePixels(BufferedImage image, int fromY, int toY) {
    int count = 0;
    for (int y = fromY; y < toY; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (b > 120 && r < 120 && b - r > 60 && g < 160) {
          count++;
        }
      }
    }
    return count;
  }
}
