package io.tidestream.pipeline.process;

import io.tidestream.pipeline.LauncherException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: pick free ones for tests, check chosen ones for ./pipeline up. */
public final class Ports {
  private Ports() {}

  /** A port that was free a moment ago (the OS's choice). */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LauncherException("No free local port: " + e.getMessage(), e);
    }
  }

  /**
   * The first of {@code n} adjacent ports that were free a moment ago: Kafka and its controller,
   * the REST ports of several workers.
   */
  public static int freeRun(int n) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = free();
      boolean allFree = first + n - 1 <= 65535;
      for (int p = first + 1; allFree && p < first + n; p++) {
        allFree = !inUse(p);
      }
      if (allFree) {
        return first;
      }
    }
    throw new LauncherException("No " + n + " adjacent free local ports");
  }

  public static boolean inUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with one clear line when {@code port} is already taken. */
  public static void requireFree(int port, String what, String option) {
    if (inUse(port)) {
      throw new LauncherException(
          "Port "
              + port
              + " ("
              + what
              + ") is already in use: stop what holds it ("
              + "e.g. `ss -ltnp 'sport = :"
              + port
              + "'` shows it) or choose another with "
              + option
              + ".");
    }
  }
}
