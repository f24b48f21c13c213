package dev.rpcwall.bench;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.verify.HostVerification;
import dev.rpcwall.emit.host.HostInputs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code rpcwall verify} spends its time, phase by phase, in one JVM: the policy (parse,
 * resolve, decision map), the host's inputs (decode, reader), the comparison. The first round is
 * cold; later rounds are warm. Wall and CPU time of this thread, since the machine may be shared.
 *
 * <p>Usage: {@code java -cp JAR:cli/target/test-classes dev.rpcwall.bench.VerifyBench ROUNDS
 * POLICY FILE...}
 */
public final class VerifyBench {
  private VerifyBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    String policy = args[1];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long w0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      // What verify needs of the policy: resolved, and its decision map (no checks).
      DecisionMap map = DecisionMap.of(
          Compiler.resolveWithSources(p -> {
            try {
              return Optional.of(Files.readAllBytes(Path.of(p)));
            } catch (java.io.IOException e) {
              return Optional.empty();
            }
          }, policy).result().orElseThrow());
      long w1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      List<HostInputs.Input> inputs = new ArrayList<>();
      for (int i = 2; i < args.length; i++) {
        inputs.add(new HostInputs.Input(args[i], Files.readAllBytes(Path.of(args[i]))));
      }
      HostInputs.Result read =
          HostInputs.standard().read(inputs);
      long w2 = System.nanoTime();
      long c2 = mx.getCurrentThreadCpuTime();
      HostVerification.Report report = HostVerification.verify(map, new EffectiveHost(read.host()),
          HostVerification.defaultModel(new EffectiveHost(read.host())), Optional.empty(), false);
      long w3 = System.nanoTime();
      long c3 = mx.getCurrentThreadCpuTime();
      System.out.printf(
          "round %d: policy %d ms (cpu %d), inputs %d ms (cpu %d, %d rules, %s), verify %d ms (cpu %d),"
              + " equal=%s%n",
          round, (w1 - w0) / 1_000_000, (c1 - c0) / 1_000_000, (w2 - w1) / 1_000_000,
          (c2 - c1) / 1_000_000, read.host().rules().size(),
          read.files().get(0).format(), (w3 - w2) / 1_000_000, (c3 - c2) / 1_000_000,
          report.equal());
    }
  }
}
