package io.tidestream.pipeline.remap;

/**
 * The next step of a switch of the read alias from one connector's index version ({@code from}) to
 * another's ({@code to}), given what is observed now. A run, a rerun after Ctrl-C or a crash, and a
 * rollback all loop: observe, ask this plan, act, until {@link Step#DONE}. Pure.
 */
public final class SwitchPlan {

  private SwitchPlan() {}

  /** Where the read alias points. */
  public enum AliasAt {
    FROM,
    TO,
    BOTH,
    NONE,
    ELSEWHERE
  }

  /**
   * What is observed.
   *
   * @param seedPending the new version is to be seeded from the old one and is not yet
   * @param verified this run has checked, with {@code from} paused, that {@code to} holds every
   *     document of {@code from}
   */
  public record Observed(
      AliasAt alias,
      boolean fromExists,
      boolean fromPaused,
      boolean toExists,
      boolean toHasReadAlias,
      boolean seedPending,
      boolean verified) {}

  public enum Step {
    /** Create the {@code to} connector, without the read alias. */
    CREATE_TO,
    /** {@code from} was paused by an earlier run whose {@code to} is gone: resume it first. */
    RESUME_FROM,
    /** Copy the old version into the new one with {@code _reindex} (--seed-from-old-version). */
    SEED,
    /** Wait for {@code to} to catch up, pause {@code from}, wait again, check the documents. */
    CATCH_UP_AND_VERIFY,
    /** One atomic {@code _aliases} request. */
    FLIP,
    /** Put the read alias into {@code to}'s configuration. */
    ATTACH_ALIAS,
    DELETE_FROM,
    DONE,
    /** Nothing to do safely: {@link #reason} says why and what to do. */
    REFUSE
  }

  /** A step, and for {@link Step#REFUSE} the reason. */
  public record Next(Step step, String reason) {
    static Next of(Step s) {
      return new Next(s, null);
    }
  }

  public static Next next(Observed o) {
    switch (o.alias()) {
      case BOTH:
        return new Next(
            Step.REFUSE,
            "the read alias points at both versions, which remap never does; remove it from one"
                + " of them with POST /_aliases and run again");
      case NONE:
        return new Next(
            Step.REFUSE,
            "the read alias points at no index; add it to the version readers should see with"
                + " POST /_aliases and run again");
      case ELSEWHERE:
        return new Next(
            Step.REFUSE,
            "the read alias points at neither version's index; point it at the index the"
                + " connector writes and run again");
      case TO:
        if (!o.toExists()) {
          return new Next(
              Step.REFUSE,
              "the read alias already points at the new version but its connector is gone;"
                  + " recreate it, or roll back with --rollback");
        }
        if (!o.toHasReadAlias()) {
          return Next.of(Step.ATTACH_ALIAS);
        }
        return o.fromExists() ? Next.of(Step.DELETE_FROM) : Next.of(Step.DONE);
      case FROM:
      default:
        if (!o.fromExists()) {
          return new Next(
              Step.REFUSE,
              "the read alias points at the old version but its connector is gone; recreate it"
                  + " and run again");
        }
        if (!o.toExists()) {
          return o.fromPaused() ? Next.of(Step.RESUME_FROM) : Next.of(Step.CREATE_TO);
        }
        if (o.seedPending()) {
          return Next.of(Step.SEED);
        }
        return o.verified() ? Next.of(Step.FLIP) : Next.of(Step.CATCH_UP_AND_VERIFY);
    }
  }
}
