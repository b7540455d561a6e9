package io.tidestream.elastic.testing;

import io.tidestream.elastic.EngineSession;
import io.tidestream.elastic.bulk.BulkTransport;
import io.tidestream.elastic.bulk.Preflight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Records every bulk body and answers with scripted responses. With {@link #holdResponses} the
 * answers wait until {@link #releaseAll} so tests can see requests in flight.
 */
public final class FakeTransport implements BulkTransport {

  /** A scripted answer to one request. */
  public sealed interface Answer {}

  public record Http(int status, String body) implements Answer {}

  public record Fail(Exception error) implements Answer {}

  private final List<String> bodies = new ArrayList<>();
  private final Deque<Function<String, Answer>> script = new ArrayDeque<>();
  private final List<Runnable> held = new ArrayList<>();
  private boolean hold;
  private int resets;
  private int probes;
  private int probeFailures;
  private Function<String, Answer> fallback;

  /** The next request gets this answer; when the script is empty every action is acknowledged. */
  public synchronized FakeTransport then(Function<String, Answer> answer) {
    script.addLast(answer);
    return this;
  }

  /** Answers every request the script does not cover. */
  public synchronized FakeTransport otherwise(Function<String, Answer> answer) {
    this.fallback = answer;
    return this;
  }

  public synchronized FakeTransport thenFail(Exception e) {
    return then(body -> new Fail(e));
  }

  public synchronized void holdResponses(boolean hold) {
    this.hold = hold;
  }

  public void releaseAll() {
    List<Runnable> toRun;
    synchronized (this) {
      toRun = new ArrayList<>(held);
      held.clear();
    }
    toRun.forEach(Runnable::run);
  }

  @Override
  public void send(byte[] body, Listener listener) {
    String text = new String(body, StandardCharsets.UTF_8);
    Answer answer;
    boolean holdIt;
    synchronized (this) {
      bodies.add(text);
      Function<String, Answer> next = script.pollFirst();
      if (next == null) {
        next = fallback;
      }
      answer =
          next == null ? new Http(200, BulkResponses.allOk(actionCount(text))) : next.apply(text);
      holdIt = hold;
    }
    Runnable deliver =
        () -> {
          if (answer instanceof Http h) {
            listener.onResponse(h.status(), h.body().getBytes(StandardCharsets.UTF_8));
          } else if (answer instanceof Fail f) {
            listener.onFailure(f.error());
          }
        };
    if (holdIt) {
      synchronized (this) {
        held.add(deliver);
      }
    } else {
      deliver.run();
    }
  }

  /** The next {@code n} probes find no engine. */
  public synchronized FakeTransport failProbes(int n) {
    probeFailures = n;
    return this;
  }

  @Override
  public synchronized void probe() throws IOException {
    probes++;
    if (probeFailures > 0) {
      probeFailures--;
      throw connectionRefused();
    }
  }

  public synchronized int probeCount() {
    return probes;
  }

  @Override
  public synchronized void reset() {
    resets++;
  }

  public synchronized int resetCount() {
    return resets;
  }

  public synchronized List<String> bodies() {
    return List.copyOf(bodies);
  }

  public synchronized int requestCount() {
    return bodies.size();
  }

  /** Number of actions in an NDJSON body (index, create, update: two lines; delete: one). */
  public static int actionCount(String body) {
    int count = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith("{\"index\"")
          || line.startsWith("{\"delete\"")
          || line.startsWith("{\"create\"")
          || line.startsWith("{\"update\"")) {
        count++;
      }
    }
    return count;
  }

  /** The document ids in an NDJSON body, in order. */
  public static List<String> ids(String body) {
    List<String> ids = new ArrayList<>();
    for (String line : body.split("\n")) {
      int at = line.indexOf("\"_id\":\"");
      if ((line.startsWith("{\"index\"")
              || line.startsWith("{\"delete\"")
              || line.startsWith("{\"create\"")
              || line.startsWith("{\"update\""))
          && at > 0) {
        ids.add(line.substring(at + 7, line.indexOf('"', at + 7)));
      }
    }
    return ids;
  }

  public static IOException connectionRefused() {
    return new java.net.ConnectException("Connection refused");
  }

  /** An engine session that sends through this transport and has no preflight to run. */
  public EngineSession session() {
    FakeTransport self = this;
    return new EngineSession() {
      @Override
      public BulkTransport transport() {
        return self;
      }

      @Override
      public Preflight preflight() {
        return null;
      }
    };
  }
}
