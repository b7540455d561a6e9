package io.tidestream.common.archfixture;

/** Keeps every layering rule (LayeringRulesTest): JDK and Kafka only. */
public class CommonCompliant {
  java.util.List<org.apache.kafka.connect.data.Schema> schemas;
}
