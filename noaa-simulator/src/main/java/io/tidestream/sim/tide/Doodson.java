package io.tidestream.sim.tide;

import java.util.Map;

/**
 * Equilibrium argument and nodal corrections of the constituents the simulator knows by name:
 * Doodson numbers for {@code (tau, s, h, p, N, p1)}, a phase offset, and Schureman's nodal factor
 * {@code f} and angle {@code u} as functions of the node longitude N.
 */
enum Doodson {
  M2(2, 0, 0, 0, 0, 0, 0, Nodal.M2),
  S2(2, 2, -2, 0, 0, 0, 0, Nodal.NONE),
  N2(2, -1, 0, 1, 0, 0, 0, Nodal.M2),
  K2(2, 2, 0, 0, 0, 0, 0, Nodal.K2),
  K1(1, 1, 0, 0, 0, 0, -90, Nodal.K1),
  O1(1, -1, 0, 0, 0, 0, 90, Nodal.O1),
  P1(1, 1, -2, 0, 0, 0, 90, Nodal.NONE),
  Q1(1, -2, 0, 1, 0, 0, 90, Nodal.O1),
  M4(4, 0, 0, 0, 0, 0, 0, Nodal.M2_SQUARED),
  M6(6, 0, 0, 0, 0, 0, 0, Nodal.M2_CUBED),
  M8(8, 0, 0, 0, 0, 0, 0, Nodal.M2_FOURTH),
  MK3(3, 1, 0, 0, 0, 0, -90, Nodal.M2_K1),
  TWO_MK3(3, -1, 0, 0, 0, 0, 90, Nodal.M2_SQUARED_OVER_K1),
  MN4(4, -1, 0, 1, 0, 0, 0, Nodal.M2_SQUARED),
  MS4(4, 2, -2, 0, 0, 0, 0, Nodal.M2),
  S4(4, 4, -4, 0, 0, 0, 0, Nodal.NONE),
  S6(6, 6, -6, 0, 0, 0, 0, Nodal.NONE),
  NU2(2, -1, 2, -1, 0, 0, 0, Nodal.M2),
  MU2(2, -2, 2, 0, 0, 0, 0, Nodal.M2),
  TWO_N2(2, -2, 0, 2, 0, 0, 0, Nodal.M2),
  LAM2(2, 1, -2, 1, 0, 0, 180, Nodal.M2),
  L2(2, 1, 0, -1, 0, 0, 180, Nodal.M2),
  T2(2, 2, -3, 0, 0, 1, 0, Nodal.NONE),
  R2(2, 2, -1, 0, 0, -1, 180, Nodal.NONE),
  TWO_SM2(2, 4, -4, 0, 0, 0, 0, Nodal.M2),
  M3(3, 0, 0, 0, 0, 0, 180, Nodal.M2_THREE_HALVES),
  OO1(1, 3, 0, 0, 0, 0, -90, Nodal.OO1),
  J1(1, 2, 0, -1, 0, 0, -90, Nodal.J1),
  M1(1, 0, 0, 1, 0, 0, -90, Nodal.O1),
  RHO(1, -2, 2, -1, 0, 0, 90, Nodal.O1),
  TWO_Q1(1, -3, 0, 2, 0, 0, 90, Nodal.O1),
  S1(1, 1, -1, 0, 0, 0, 0, Nodal.NONE),
  SA(0, 0, 1, 0, 0, 0, 0, Nodal.NONE),
  SSA(0, 0, 2, 0, 0, 0, 0, Nodal.NONE),
  MM(0, 1, 0, -1, 0, 0, 0, Nodal.MM),
  MSF(0, 2, -2, 0, 0, 0, 0, Nodal.M2),
  MF(0, 2, 0, 0, 0, 0, 0, Nodal.MF);

  private static final Map<String, Doodson> BY_NOAA_NAME =
      Map.of("2MK3", TWO_MK3, "2N2", TWO_N2, "2SM2", TWO_SM2, "2Q1", TWO_Q1);

  private final int[] numbers;
  private final double offsetDegrees;
  private final Nodal nodal;

  Doodson(int tau, int s, int h, int p, int n, int p1, double offsetDegrees, Nodal nodal) {
    this.numbers = new int[] {tau, s, h, p, n, p1};
    this.offsetDegrees = offsetDegrees;
    this.nodal = nodal;
  }

  /** The entry for a NOAA constituent name, or null when the simulator does not know it. */
  static Doodson forName(String name) {
    Doodson special = BY_NOAA_NAME.get(name);
    if (special != null) {
      return special;
    }
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Equilibrium argument V + u, degrees. */
  double argument(Astronomy a) {
    return numbers[0] * a.tau()
        + numbers[1] * a.s()
        + numbers[2] * a.h()
        + numbers[3] * a.p()
        + numbers[4] * a.n()
        + numbers[5] * a.p1()
        + offsetDegrees
        + nodal.u(a.n());
  }

  double factor(Astronomy a) {
    return nodal.f(a.n());
  }

  /** Schureman's nodal modulation formulas, N in degrees. */
  private enum Nodal {
    NONE,
    M2,
    K1,
    O1,
    K2,
    OO1,
    J1,
    MM,
    MF,
    M2_SQUARED,
    M2_CUBED,
    M2_FOURTH,
    M2_K1,
    M2_SQUARED_OVER_K1,
    M2_THREE_HALVES;

    double f(double nDegrees) {
      double n = Math.toRadians(nDegrees);
      switch (this) {
        case M2:
          return fM2(n);
        case K1:
          return 1.0060
              + 0.1150 * Math.cos(n)
              - 0.0088 * Math.cos(2 * n)
              + 0.0006 * Math.cos(3 * n);
        case O1:
          return fO1(n);
        case K2:
          return 1.0241
              + 0.2863 * Math.cos(n)
              + 0.0083 * Math.cos(2 * n)
              - 0.0015 * Math.cos(3 * n);
        case OO1:
          return 1.1027
              + 0.6504 * Math.cos(n)
              + 0.0317 * Math.cos(2 * n)
              - 0.0014 * Math.cos(3 * n);
        case J1:
          return 1.0129
              + 0.1676 * Math.cos(n)
              - 0.0170 * Math.cos(2 * n)
              + 0.0016 * Math.cos(3 * n);
        case MM:
          return 1.0000 - 0.1300 * Math.cos(n) + 0.0013 * Math.cos(2 * n);
        case MF:
          return 1.0429 + 0.4135 * Math.cos(n) - 0.0040 * Math.cos(2 * n);
        case M2_SQUARED:
          return fM2(n) * fM2(n);
        case M2_CUBED:
          return Math.pow(fM2(n), 3);
        case M2_FOURTH:
          return Math.pow(fM2(n), 4);
        case M2_K1:
          return fM2(n) * K1.f(nDegrees);
        case M2_SQUARED_OVER_K1:
          return fM2(n) * fM2(n) * K1.f(nDegrees);
        case M2_THREE_HALVES:
          return Math.pow(fM2(n), 1.5);
        default:
          return 1.0;
      }
    }

    double u(double nDegrees) {
      double n = Math.toRadians(nDegrees);
      switch (this) {
        case M2:
          return uM2(n);
        case K1:
          return uK1(n);
        case O1:
          return 10.80 * Math.sin(n) - 1.34 * Math.sin(2 * n) + 0.19 * Math.sin(3 * n);
        case K2:
          return -17.74 * Math.sin(n) + 0.68 * Math.sin(2 * n) - 0.04 * Math.sin(3 * n);
        case OO1:
          return -36.68 * Math.sin(n) + 4.02 * Math.sin(2 * n) - 0.57 * Math.sin(3 * n);
        case J1:
          return -12.94 * Math.sin(n) + 1.34 * Math.sin(2 * n) - 0.19 * Math.sin(3 * n);
        case MF:
          return -23.74 * Math.sin(n) + 2.68 * Math.sin(2 * n) - 0.38 * Math.sin(3 * n);
        case M2_SQUARED:
          return 2 * uM2(n);
        case M2_CUBED:
          return 3 * uM2(n);
        case M2_FOURTH:
          return 4 * uM2(n);
        case M2_K1:
          return uM2(n) + uK1(n);
        case M2_SQUARED_OVER_K1:
          return 2 * uM2(n) - uK1(n);
        case M2_THREE_HALVES:
          return 1.5 * uM2(n);
        default:
          return 0.0;
      }
    }

    private static double fM2(double n) {
      return 1.0004 - 0.0373 * Math.cos(n) + 0.0002 * Math.cos(2 * n);
    }

    private static double fO1(double n) {
      return 1.0089 + 0.1871 * Math.cos(n) - 0.0147 * Math.cos(2 * n) + 0.0014 * Math.cos(3 * n);
    }

    private static double uM2(double n) {
      return -2.14 * Math.sin(n);
    }

    private static double uK1(double n) {
      return -8.86 * Math.sin(n) + 0.68 * Math.sin(2 * n) - 0.07 * Math.sin(3 * n);
    }
  }
}
