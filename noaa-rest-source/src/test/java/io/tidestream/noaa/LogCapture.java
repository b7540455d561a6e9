package io.tidestream.noaa;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The lines one class logs at {@code level} and above while the capture is open, as {@code LEVEL
 * message} (the message formatted, the exception left out). Log4j 2 is the test back end of SLF4J
 * here, as in the Connect worker.
 */
public final class LogCapture implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final String loggerName;
  private final AbstractAppender appender;

  private LogCapture(Class<?> type, Level level) {
    this.loggerName = type.getName();
    this.appender =
        new AbstractAppender("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
          }
        };
    appender.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    LoggerConfig logger = new LoggerConfig(loggerName, level, false);
    logger.addAppender(appender, level, null);
    config.addLogger(loggerName, logger);
    context.updateLoggers();
  }

  public static LogCapture of(Class<?> type, Level level) {
    return new LogCapture(type, level);
  }

  /** Every captured line, oldest first. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Captured lines at exactly {@code level} that contain every one of {@code parts}. */
  public List<String> lines(Level level, String... parts) {
    return lines.stream()
        .filter(l -> l.startsWith(level + " "))
        .filter(l -> java.util.Arrays.stream(parts).allMatch(l::contains))
        .toList();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(loggerName);
    context.updateLoggers();
    appender.stop();
  }
}
