package io.tidestream.noaa.api;

/** Products whose rows share one shape share one Connect schema. */
public enum ProductFamily {
  /** {@code t,v,s,f,q}: six-minute and one-minute water level. */
  WATER_LEVEL,
  /** {@code t,v,s,f}: hourly heights. */
  HOURLY_HEIGHT,
  /** {@code t,v,ty,f}: observed highs and lows. */
  HIGH_LOW,
  /** {@code t,v[,type]}: tide predictions, no metadata in the response. */
  PREDICTIONS,
  /** {@code t,s,d,dr,g,f}: wind. */
  WIND,
  /** {@code t,v,f}: air/water temperature, pressure, humidity, conductivity, salinity, ... */
  SCALAR
}
