package io.tidestream.noaa.api;

import java.time.Instant;

/**
 * One row of a datagetter answer, typed. Every numeric field is null when NOAA sent an empty string
 * (a gap) - never 0.
 *
 * @param time observation time, UTC
 * @param value {@code v}; null for wind and for gaps
 * @param sigma {@code s} for water-level products
 * @param flags {@code f} as sent ("0,0,0,0"), null when absent
 * @param quality "preliminary" or "verified" ({@code q}), null when absent
 * @param type high/low type: {@code ty} (HH,H,L,LL) or predictions' {@code type} (H,L)
 * @param windSpeed {@code s} for wind
 * @param windDirection {@code d}, degrees
 * @param windDirectionText {@code dr}, compass text
 * @param windGust {@code g}
 */
public record Observation(
    Instant time,
    Double value,
    Double sigma,
    String flags,
    String quality,
    String type,
    Double windSpeed,
    Double windDirection,
    String windDirectionText,
    Double windGust) {

  public boolean isVerified() {
    return "verified".equals(quality);
  }
}
