package dev.rpcwall.emit.host.registry;

import dev.rpcwall.emit.host.HostInputs;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;

/**
 * Times reading a registry export (bench/gen_reg.py) through {@link HostInputs#standard()}: the
 * first run (cold JIT) and the median of the next ones. Not a test; run with the test class path:
 * {@code java -cp ... dev.rpcwall.emit.host.registry.RegReadBench target/bench/rules-10000.reg}.
 */
public final class RegReadBench {
  private RegReadBench() {}

  public static void main(String[] args) throws Exception {
    byte[] bytes = Files.readAllBytes(Paths.get(args[0]));
    int runs = Math.max(2, args.length > 1 ? Integer.parseInt(args[1]) : 10);
    long[] times = new long[runs];
    long[] cpu = new long[runs];
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    HostInputs.Result last = null;
    for (int i = 0; i < runs; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      last = HostInputs.standard().read(List.of(new HostInputs.Input(args[0], bytes)));
      times[i] = System.nanoTime() - t0;
      cpu[i] = mx.getCurrentThreadCpuTime() - c0;
    }
    long first = times[0];
    long firstCpu = cpu[0];
    java.util.Arrays.sort(times, 1, runs);
    java.util.Arrays.sort(cpu, 1, runs);
    // CPU time of the reading thread is what a loaded machine does not distort.
    System.out.printf("%s: %d rules, %d notes; first run %d ms wall / %d ms CPU, median of the"
            + " next %d: %d ms wall / %d ms CPU%n",
        args[0], last.host().rules().size(), last.notes().size(), first / 1_000_000,
        firstCpu / 1_000_000, runs - 1, times[1 + (runs - 1) / 2] / 1_000_000,
        cpu[1 + (runs - 1) / 2] / 1_000_000);
  }
}
