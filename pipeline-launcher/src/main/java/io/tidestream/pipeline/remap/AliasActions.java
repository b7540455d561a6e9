package io.tidestream.pipeline.remap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidestream.pipeline.process.JsonHttp;
import java.util.List;

/** The one {@code POST /_aliases} body that moves the read alias between versions. Pure. */
public final class AliasActions {

  private AliasActions() {}

  /**
   * Removes {@code alias} from every index in {@code from} and adds it to every index in {@code
   * to}, named explicitly (never a wildcard that could match another version), in one request the
   * engine applies atomically.
   */
  public static ObjectNode flip(String alias, List<String> from, List<String> to) {
    if (to.isEmpty()) {
      throw new IllegalArgumentException("the alias would point at no index");
    }
    ObjectNode body = JsonHttp.MAPPER.createObjectNode();
    ArrayNode actions = body.putArray("actions");
    for (String index : from) {
      if (!to.contains(index)) {
        actions.addObject().putObject("remove").put("index", index).put("alias", alias);
      }
    }
    for (String index : to) {
      actions.addObject().putObject("add").put("index", index).put("alias", alias);
    }
    return body;
  }
}
