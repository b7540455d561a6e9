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
    assertThat(image.getRGB(600, 165)).as("the panel is not blank everywhere").isNotNull();
  }
}
