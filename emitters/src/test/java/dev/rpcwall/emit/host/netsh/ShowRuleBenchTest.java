package dev.rpcwall.emit.host.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.emit.host.HostInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Reads the benchmark's {@code show rule} dump (bench/gen_host_netsh.py show-rule) and prints how
 * long decoding, choosing the reader and reading took, warm: run with {@code
 * -Drpcwall.bench.showrule=FILE}. Asserts what was read, never how fast.
 */
class ShowRuleBenchTest {
  @Test
  @EnabledIfSystemProperty(named = "rpcwall.bench.showrule", matches = ".+")
  void benchmarkDump_readsEveryRule() throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of(System.getProperty("rpcwall.bench.showrule")));
    int expected = Integer.getInteger("rpcwall.bench.rules", 5000);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    long first = 0;
    long bestCpu = Long.MAX_VALUE;
    long firstCpu = 0;
    for (int i = 0; i < 10; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      HostInputs.Result r = HostInputs.standard().read(List.of(new HostInputs.Input("dump.txt", bytes)));
      long t = System.nanoTime() - t0;
      long c = mx.getCurrentThreadCpuTime() - c0;
      if (i == 0) {
        first = t;
        firstCpu = c;
      }
      best = Math.min(best, t);
      bestCpu = Math.min(bestCpu, c);
      assertThat(r.files().get(0).format()).isEqualTo(ShowRuleReader.FORMAT);
      assertThat(r.host().rules()).hasSize(expected);
      assertThat(r.notes()).extracting(HostNote::message).isEmpty();
    }
    System.out.printf("show rule dump, %d rules, %d bytes: first read %.1f ms wall (%.1f ms CPU),"
        + " best of 10 %.1f ms wall (%.1f ms CPU)%n", expected, bytes.length, first / 1e6,
        firstCpu / 1e6, best / 1e6, bestCpu / 1e6);
  }
}
