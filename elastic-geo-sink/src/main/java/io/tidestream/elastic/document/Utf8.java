package io.tidestream.elastic.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Sizes of text in UTF-8, without encoding it. */
public final class Utf8 {

  private Utf8() {}

  /**
   * Bytes {@code text} takes in UTF-8 (an unpaired surrogate counts as the 3 bytes of its
   * replacement).
   */
  public static long length(CharSequence text) {
    long bytes = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * The size of a record value in bytes when it is text or bytes, else -1 (unknown without its
   * converter).
   */
  public static long sizeOf(Object value) {
    if (value instanceof CharSequence text) {
      return length(text);
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    return -1;
  }

  /** {@code bytes} as text, or null when they are not well-formed UTF-8. */
  public static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
