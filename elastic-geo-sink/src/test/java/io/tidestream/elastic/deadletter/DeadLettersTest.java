package io.tidestream.elastic.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class DeadLettersTest {

  @Test
  void reportsACopyThatKeepsTheRecordAndItsHeadersAndAddsTheReason() {
    ErrantRecordReporter reporter = mock(ErrantRecordReporter.class);
    when(reporter.report(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
    ConnectHeaders original = new ConnectHeaders();
    original.addString("traceparent", "00-abc-01");
    SinkRecord record =
        new SinkRecord(
            "noaa.water_level",
            3,
            null,
            "8724580",
            null,
            "{\"x\":1}",
            42L,
            1L,
            TimestampType.CREATE_TIME,
            original);

    new DeadLetters(reporter)
        .report(
            record,
            "engine",
            "strict_dynamic_mapping_exception",
            "mapping set to strict, dynamic introduction of [x] within [_doc] is not allowed",
            "tides-2015.01",
            400);

    ArgumentCaptor<SinkRecord> copy = ArgumentCaptor.forClass(SinkRecord.class);
    ArgumentCaptor<Throwable> error = ArgumentCaptor.forClass(Throwable.class);
    verify(reporter).report(copy.capture(), error.capture());
    SinkRecord sent = copy.getValue();
    assertThat(sent).isNotSameAs(record);
    assertThat(sent.getClass()).isEqualTo(SinkRecord.class);
    assertThat(sent.topic()).isEqualTo("noaa.water_level");
    assertThat(sent.kafkaPartition()).isEqualTo(3);
    assertThat(sent.kafkaOffset()).isEqualTo(42L);
    assertThat(sent.key()).isEqualTo("8724580");
    assertThat(sent.value()).isEqualTo("{\"x\":1}");
    Map<String, Object> headers = new HashMap<>();
    for (Header h : sent.headers()) {
      headers.put(h.key(), h.value());
    }
    assertThat(headers)
        .containsEntry("traceparent", "00-abc-01")
        .containsEntry(DeadLetters.HEADER_STAGE, "engine")
        .containsEntry(DeadLetters.HEADER_TYPE, "strict_dynamic_mapping_exception")
        .containsEntry(DeadLetters.HEADER_INDEX, "tides-2015.01")
        .containsEntry(DeadLetters.HEADER_STATUS, 400);
    assertThat(record.headers()).as("the original record is untouched").hasSize(1);
    assertThat(error.getValue())
        .hasMessage(
            "strict_dynamic_mapping_exception: mapping set to strict, dynamic introduction of [x]"
                + " within [_doc] is not allowed (index tides-2015.01) (HTTP 400)");
  }

  @Test
  void withoutAReporterItSaysWhatTheRuntimeLacks() {
    SinkTaskContext oldRuntime = mock(SinkTaskContext.class);
    when(oldRuntime.errantRecordReporter())
        .thenThrow(new NoSuchMethodError("errantRecordReporter"));
    DeadLetters deadLetters = new DeadLetters(DeadLetters.lookup(oldRuntime));
    assertThat(deadLetters.available()).isFalse();
    assertThatThrownBy(
            () ->
                deadLetters.report(
                    new SinkRecord("t", 0, null, null, null, "x", 1),
                    "filter",
                    "non_json_value",
                    "not JSON",
                    null,
                    -1))
        .hasMessageContaining("no errant record reporter");
  }
}
