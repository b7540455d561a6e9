package io.tidestream.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluginVersionTest {

  @Test
  void readsTheVersionResourceInTheAnchorsPackage() {
    assertThat(PluginVersion.of(PluginVersionTest.class)).isEqualTo("1.2.3-test");
  }

  @Test
  void saysUnknownWhenThePackageHasNoVersionResource() {
    assertThat(PluginVersion.of(String.class)).isEqualTo("unknown");
  }
}
