package io.tidestream.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OnceNoticeTest {

  @Test
  void dueOnTheFirstCallOnly() {
    OnceNotice notice = new OnceNotice();
    assertThat(notice.due()).isTrue();
    assertThat(notice.due()).isFalse();
    assertThat(notice.due()).isFalse();
  }

  @Test
  void tasksStartingTogetherGetItOnce() throws Exception {
    OnceNotice notice = new OnceNotice();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentLinkedQueue<Boolean> answers = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 8; i++) {
      pool.submit(
          () -> {
            go.await();
            return answers.add(notice.due());
          });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(answers).hasSize(8).containsOnlyOnce(true);
  }
}
