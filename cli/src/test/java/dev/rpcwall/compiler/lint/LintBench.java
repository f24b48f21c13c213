package dev.rpcwall.compiler.lint;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.emit.host.HostInputs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code rpcwall lint} spends its time, phase by phase, in one JVM: reading the inputs, the
 * host model, the exposure checks, duplicate, redundant and dead-allow. The first round is cold;
 * later rounds are warm. Wall and CPU time of this thread, since the machine may be shared. Lives
 * in the lint package to time its package-private phases one by one.
 *
 * <p>Usage: {@code java -cp JAR:cli/target/test-classes dev.rpcwall.compiler.lint.LintBench ROUNDS
 * FILE...}
 */
public final class LintBench {
  private LintBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long[] wall = new long[8];
      long[] cpu = new long[8];
      int k = 0;
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      List<HostInputs.Input> inputs = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        inputs.add(new HostInputs.Input(args[i], Files.readAllBytes(Path.of(args[i]))));
      }
      HostInputs.Result read = HostInputs.standard().read(inputs);
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      EffectiveHost host = new EffectiveHost(read.host());
      HostModel model = new HostModel(host, Roles.NONE);
      List<Finding> out = new ArrayList<>(model.rpc.findings);
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      ExposureChecks.run(model, Roles.NONE, out);
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      var dups = RuleRelations.duplicates(host.rules(), out);
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      RuleRelations.redundant(host.rules(), dups, out);
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      RuleRelations.deadAllow(model, out);
      wall[k] = System.nanoTime();
      cpu[k++] = mx.getCurrentThreadCpuTime();
      String[] names = {"read", "model", "exposure", "duplicate", "redundant", "dead-allow"};
      StringBuilder sb = new StringBuilder("round " + round + ":");
      for (int i = 0; i < names.length; i++) {
        sb.append(String.format(" %s %d ms (cpu %d)", names[i], (wall[i + 1] - wall[i]) / 1_000_000,
            (cpu[i + 1] - cpu[i]) / 1_000_000));
      }
      sb.append(", ").append(read.host().rules().size()).append(" rules, ").append(out.size())
          .append(" findings");
      System.out.println(sb);
    }
  }
}
