package io.tidestream.elastic.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelope schemas seen lately, by their exact bytes: records of one topic repeat the same
 * schema text, so each distinct schema is read once. Bounded (least recently used go first) so a
 * topic with ever-changing schemas cannot grow the heap. Not thread-safe; each task owns one.
 */
final class EnvelopeSchemas {

  /** Distinct schemas kept; a task usually sees one per topic it reads. */
  static final int CAPACITY = 64;

  private final ObjectMapper mapper;
  private final Map<ByteBuffer, EnvelopeSchema> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, EnvelopeSchema> eldest) {
          return size() > CAPACITY;
        }
      };

  EnvelopeSchemas(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** What the schema in {@code bytes[from, to)} says; read at most once while it stays cached. */
  EnvelopeSchema get(byte[] bytes, int from, int to) throws IOException {
    EnvelopeSchema known = cache.get(ByteBuffer.wrap(bytes, from, to - from).slice());
    if (known != null) {
      return known;
    }
    EnvelopeSchema parsed = EnvelopeSchema.of(mapper.readTree(bytes, from, to - from));
    cache.put(ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, to)), parsed);
    return parsed;
  }

  int size() {
    return cache.size();
  }
}
