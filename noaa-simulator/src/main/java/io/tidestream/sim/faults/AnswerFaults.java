package io.tidestream.sim.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faults that change a correct answer instead of replacing it: what the fault kinds {@link
 * FaultKind#BOM_BODY} and {@link FaultKind#NON_NUMERIC_VALUE} do to a body or its rows. Pure
 * functions of their input.
 */
public final class AnswerFaults {

  /** The UTF-8 encoding of U+FEFF, the byte-order mark some servers and proxies put first. */
  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The text a non-numeric value is sent as. */
  public static final String NON_NUMERIC = "NaN";

  /**
   * The fields holding a row's value, in order of preference: {@code v}, or wind's speed {@code s}.
   */
  private static final List<String> VALUE_FIELDS = List.of("v", "s");

  private AnswerFaults() {}

  /** {@code body} with a UTF-8 byte-order mark in front. */
  public static byte[] withByteOrderMark(byte[] body) {
    byte[] out = new byte[UTF8_BOM.length + body.length];
    System.arraycopy(UTF8_BOM, 0, out, 0, UTF8_BOM.length);
    System.arraycopy(body, 0, out, UTF8_BOM.length, body.length);
    return out;
  }

  /**
   * A copy of {@code rows} in which one row's value is {@link #NON_NUMERIC}: the middle row, or the
   * first row after it that has a value (gap rows have none); its time, flags and other fields
   * stay. The rows as they are when no row has a value.
   */
  public static List<Map<String, String>> withNonNumericValue(List<Map<String, String>> rows) {
    for (int i = rows.size() / 2; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      for (String field : VALUE_FIELDS) {
        String value = row.get(field);
        if (value != null && !value.isEmpty()) {
          Map<String, String> changed = new LinkedHashMap<>(row);
          changed.put(field, NON_NUMERIC);
          List<Map<String, String>> out = new ArrayList<>(rows);
          out.set(i, changed);
          return out;
        }
      }
    }
    return rows;
  }
}
