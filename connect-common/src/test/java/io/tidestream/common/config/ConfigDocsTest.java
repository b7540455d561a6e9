package io.tidestream.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  @Test
  void headerNamesTheSourceAndTheRegenerateCommandThenTheReference() {
    ConfigDef def = new ConfigDef().define("a.key", Type.STRING, "x", Importance.LOW, "Some doc.");
    String rst =
        ConfigDocs.render("My title", ConfigDocsTest.class, "mvn regenerate", "Intro text.", def);
    assertThat(rst)
        .startsWith(
            "..\n   Generated from ConfigDocsTest by "
                + "io.tidestream.common.config.ConfigDocs; do not edit.\n"
                + "   Regenerate: mvn regenerate\n\n"
                + "My title\n========\n\nIntro text.\n\n");
    assertThat(rst).endsWith(def.toEnrichedRst());
  }

  @Test
  void emptyIntroAddsNoParagraph() {
    String rst = ConfigDocs.render("T", ConfigDocsTest.class, "r", "", new ConfigDef());
    assertThat(rst).endsWith("T\n=\n\n" + new ConfigDef().toEnrichedRst());
  }
}
