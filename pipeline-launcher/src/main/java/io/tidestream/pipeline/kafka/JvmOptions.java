package io.tidestream.pipeline.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The java command line shared by the Kafka broker and the Connect workers. */
final class JvmOptions {
  private JvmOptions() {}

  private static final String LOG4J2 =
      String.join(
          "\n",
          "status = warn",
          "appender.console.type = Console",
          "appender.console.name = STDOUT",
          "appender.console.layout.type = PatternLayout",
          "appender.console.layout.pattern = [%d] %p %X{connector.context}%m (%c{1}:%L)%n",
          "rootLogger.level = INFO",
          "rootLogger.appenderRef.stdout.ref = STDOUT",
          "logger.reflections.name = org.reflections",
          "logger.reflections.level = ERROR",
          "logger.clients.name = org.apache.kafka.clients",
          "logger.clients.level = WARN",
          "logger.request.name = kafka.request.logger",
          "logger.request.level = WARN",
          "");

  /** {@code java -Xmx… -cp … mainClass args…}, with log4j2 writing to standard output. */
  static List<String> command(
      Path dir,
      String heap,
      String classPath,
      List<String> extraJvmArgs,
      String mainClass,
      String... args) {
    Path log4j = dir.resolve("log4j2.properties");
    try {
      Files.createDirectories(dir);
      Files.writeString(log4j, LOG4J2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms128m");
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+UseG1GC");
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-Dlog4j2.configurationFile=" + log4j.toUri());
    cmd.addAll(extraJvmArgs);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }
}
