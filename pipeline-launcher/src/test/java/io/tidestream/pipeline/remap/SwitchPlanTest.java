package io.tidestream.pipeline.remap;

import static io.tidestream.pipeline.remap.SwitchPlan.AliasAt.BOTH;
import static io.tidestream.pipeline.remap.SwitchPlan.AliasAt.FROM;
import static io.tidestream.pipeline.remap.SwitchPlan.AliasAt.NONE;
import static io.tidestream.pipeline.remap.SwitchPlan.AliasAt.TO;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidestream.pipeline.remap.SwitchPlan.Observed;
import io.tidestream.pipeline.remap.SwitchPlan.Step;
import org.junit.jupiter.api.Test;

class SwitchPlanTest {

  static Step next(Observed o) {
    return SwitchPlan.next(o).step();
  }

  @Test
  void anUninterruptedSwitchGoesThroughEveryStepInOrder() {
    assertThat(next(new Observed(FROM, true, false, false, false, false, false)))
        .isEqualTo(Step.CREATE_TO);
    assertThat(next(new Observed(FROM, true, false, true, false, false, false)))
        .isEqualTo(Step.CATCH_UP_AND_VERIFY);
    assertThat(next(new Observed(FROM, true, true, true, false, false, true))).isEqualTo(Step.FLIP);
    assertThat(next(new Observed(TO, true, true, true, false, false, true)))
        .isEqualTo(Step.ATTACH_ALIAS);
    assertThat(next(new Observed(TO, true, true, true, true, false, true)))
        .isEqualTo(Step.DELETE_FROM);
    assertThat(next(new Observed(TO, false, false, true, true, false, true))).isEqualTo(Step.DONE);
  }

  @Test
  void aRerunChecksAgainBeforeItFlipsAndGoesOnAfterAFlip() {
    // killed while the old connector was paused, before the flip: verify again, never flip blind
    assertThat(next(new Observed(FROM, true, true, true, false, false, false)))
        .isEqualTo(Step.CATCH_UP_AND_VERIFY);
    // killed right after the flip
    assertThat(next(new Observed(TO, true, true, true, false, false, false)))
        .isEqualTo(Step.ATTACH_ALIAS);
    // the old connector was left paused and the new one is gone: serve fresh data first
    assertThat(next(new Observed(FROM, true, true, false, false, false, false)))
        .isEqualTo(Step.RESUME_FROM);
  }

  @Test
  void aSeededRemapCopiesTheOldVersionBeforeItWaitsForTheReplay() {
    assertThat(next(new Observed(FROM, true, false, false, false, true, false)))
        .isEqualTo(Step.CREATE_TO);
    assertThat(next(new Observed(FROM, true, false, true, false, true, false)))
        .isEqualTo(Step.SEED);
    assertThat(next(new Observed(FROM, true, false, true, false, false, false)))
        .isEqualTo(Step.CATCH_UP_AND_VERIFY);
  }

  @Test
  void refusesAnAliasOnBothVersionsOrOnNone() {
    assertThat(SwitchPlan.next(new Observed(BOTH, true, false, true, false, false, true)).reason())
        .contains("both versions");
    assertThat(next(new Observed(NONE, true, false, true, false, false, true)))
        .isEqualTo(Step.REFUSE);
    assertThat(next(new Observed(FROM, false, false, true, false, false, false)))
        .isEqualTo(Step.REFUSE);
  }
}
