package io.tidestream.sim.data;

import java.time.format.DateTimeFormatter;

/** How NOAA writes numbers and times in datagetter responses. */
public final class Formats {

  /** Row timestamps: no zone, minute resolution. */
  public static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Formats() {}

  /** Fixed number of decimals: {@code fixed(313, 1)} is {@code "313.0"}. */
  public static String fixed(double value, int decimals) {
    long scale = pow10(decimals);
    long scaled = Math.round(value * scale);
    StringBuilder sb = new StringBuilder(12);
    if (scaled < 0) {
      sb.append('-');
      scaled = -scaled;
    }
    sb.append(scaled / scale);
    if (decimals > 0) {
      sb.append('.');
      String frac = Long.toString(scaled % scale);
      for (int i = frac.length(); i < decimals; i++) {
        sb.append('0');
      }
      sb.append(frac);
    }
    String s = sb.toString();
    return isNegativeZero(s) ? s.substring(1) : s;
  }

  /**
   * Up to {@code decimals} decimals without trailing zeros but with at least one: water levels come
   * as {@code "0.34"}, {@code "1.0"}, {@code "1.798"}.
   */
  public static String trimmed(double value, int decimals) {
    String s = fixed(value, decimals);
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0' && s.charAt(end - 2) != '.') {
      end--;
    }
    return s.substring(0, end);
  }

  private static boolean isNegativeZero(String s) {
    return s.startsWith("-") && s.chars().allMatch(c -> c == '-' || c == '0' || c == '.');
  }

  private static long pow10(int n) {
    long r = 1;
    for (int i = 0; i < n; i++) {
      r *= 10;
    }
    return r;
  }
}
