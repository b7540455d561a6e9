package io.tidestream.sim.data;

/**
 * A request NOAA answers with an application error: HTTP 200 and {@code {"error": {"message":
 * ...}}}. The constants are the messages NOAA sends (or, where marked in the README, our best
 * rendering of them in NOAA's {@code " Wrong <Param>: ..."} style).
 */
public final class NoaaApiException extends Exception {

  private static final long serialVersionUID = 1L;

  public static final String NO_DATA =
      "No data was found. This product may not be offered at this station at the requested time.";
  public static final String NO_PREDICTIONS_FOR_DATUM =
      "No Predictions data was found. Please make sure the Datum input is valid.";

  public NoaaApiException(String message) {
    super(message, null, false, false);
  }

  public static NoaaApiException noData() {
    return new NoaaApiException(NO_DATA);
  }

  /** NOAA's parameter errors start with a space: {@code " Wrong Station ID: ..."}. */
  public static NoaaApiException wrong(String parameter, String detail) {
    return new NoaaApiException(" Wrong " + parameter + ": " + detail);
  }
}
