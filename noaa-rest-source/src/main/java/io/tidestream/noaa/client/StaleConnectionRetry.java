package io.tidestream.noaa.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a GET again, once and at once, on a fresh connection when it failed on a pooled connection
 * the server had already closed ({@link StaleConnections} decides). An application interceptor: it
 * sees the whole call, and the retry runs inside it, so the caller gets one answer or one failure
 * per request. A {@link Trace}, carried as the request's tag, tells from OkHttp's events whether
 * the connection was reused; the retry goes through a client whose pool keeps no connection, so it
 * cannot pick another dead one.
 */
final class StaleConnectionRetry implements Interceptor {

  private static final Logger log = LoggerFactory.getLogger(StaleConnectionRetry.class);

  /** Gives each call that carries a {@link Trace} tag that trace as its event listener. */
  static final EventListener.Factory TRACE_EVENTS =
      call -> {
        Trace trace = call.request().tag(Trace.class);
        return trace == null ? EventListener.NONE : trace;
      };

  private final OkHttpClient freshConnections;

  /**
   * @param freshConnections a client that opens a new connection for every request
   */
  StaleConnectionRetry(OkHttpClient freshConnections) {
    this.freshConnections = freshConnections;
  }

  /** A request that the retry watches: {@code builder} with a fresh trace as its tag. */
  static Request traced(Request.Builder builder) {
    return builder.tag(Trace.class, new Trace()).build();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    try {
      return chain.proceed(request);
    } catch (IOException e) {
      Trace trace = request.tag(Trace.class);
      boolean reused = trace != null && trace.reusedConnection();
      if (!StaleConnections.retryOnFreshConnection(
          request.method(), reused, e, chain.call().isCanceled())) {
        throw e;
      }
      if (log.isDebugEnabled()) {
        log.debug(
            "The pooled connection to {} was already closed by the server ({}); sending "
                + "{} {} again on a new connection",
            request.url().host(),
            e,
            request.method(),
            request.url().encodedPath());
      }
      try {
        return freshConnections.newCall(request).execute();
      } catch (IOException onFresh) {
        onFresh.addSuppressed(e);
        throw onFresh;
      }
    }
  }

  /** What OkHttp did for one call: whether it opened a connection or took one from the pool. */
  static final class Trace extends EventListener {
    private volatile boolean connected;
    private volatile boolean acquired;

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connected = true;
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      acquired = true;
    }

    /** True when the call got a connection without opening one: it came from the pool. */
    boolean reusedConnection() {
      return acquired && !connected;
    }
  }
}
