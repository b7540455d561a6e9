package io.tidestream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw loader's {@code _bulk} bodies, from documents the sink wrote: one index action per
 * document ({@code {"index":{"_index":…,"_id":…}}}, then the {@code _source} as compact JSON), cut
 * into requests of the sink's batch size ({@code bulk.max.actions} and {@code bulk.max.bytes}). The
 * lines are byte for byte what the sink sends for the same document: the sink writes its action
 * line and source with a Jackson generator in this form, and compact JSON parsed and written again
 * by Jackson gives the same bytes. {@code PipelineBenchEquivalenceTest} in {@code microbenchmarks}
 * proves it against the sink's own document code.
 */
public final class BulkBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory JSON = MAPPER.getFactory();

  private final int maxActions;
  private final long maxBytes;
  private final List<byte[]> bodies = new ArrayList<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 20);
  private int actions;

  BulkBodies(int maxActions, long maxBytes) {
    if (maxActions < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("bulk.max.actions and bulk.max.bytes must be positive");
    }
    this.maxActions = maxActions;
    this.maxBytes = maxBytes;
  }

  /**
   * The two NDJSON lines that index {@code compactSource} (from {@link #compact}) as document
   * {@code id} of {@code index}.
   */
  public static byte[] indexLines(String index, String id, byte[] compactSource) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(compactSource.length + 64);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeObjectFieldStart("index");
      gen.writeStringField("_index", index);
      gen.writeStringField("_id", id);
      gen.writeEndObject();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    out.writeBytes(compactSource);
    out.write('\n');
    return out.toByteArray();
  }

  /** A document's {@code _source}, in whatever form the engine returned it, as compact JSON. */
  public static byte[] compact(JsonNode source) {
    try {
      return MAPPER.writeValueAsBytes(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #compact} of a {@code _source} given as text. */
  public static byte[] compact(String source) {
    try {
      return compact(MAPPER.readTree(source));
    } catch (IOException e) {
      throw new UncheckedIOException("a _source that is not JSON", e);
    }
  }

  /** Appends one document's lines; starts a new body where the sink would start a new request. */
  void add(byte[] lines) {
    if (actions > 0 && (actions >= maxActions || body.size() + lines.length > maxBytes)) {
      bodies.add(body.toByteArray());
      body.reset();
      actions = 0;
    }
    body.writeBytes(lines);
    actions++;
  }

  /** The bodies so far, the last one included. */
  List<byte[]> bodies() {
    List<byte[]> all = new ArrayList<>(bodies);
    if (actions > 0) {
      all.add(body.toByteArray());
    }
    return all;
  }
}
