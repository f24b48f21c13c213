package dev.rpcwall.bench;

import dev.rpcwall.emit.Targets;
import dev.rpcwall.compiler.Analysis;
import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.emit.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Warm benchmark harness (not a test): for each policy file given, runs parse + check + decision
 * function, and compile with verification, repeatedly in one JVM after warm-up, and prints the
 * median and minimum time per run as a Markdown table.
 *
 * <p>Run through {@code bench/warm.sh}, which builds the classpath.
 */
public final class WarmBench {
  private WarmBench() {}

  public static void main(String[] args) throws IOException {
    int warmup = Integer.getInteger("warmup", 5);
    int runs = Integer.getInteger("runs", 10);
    System.out.println("| phase | policy | median (ms) | min (ms) |");
    System.out.println("|---|---|---:|---:|");
    for (String arg : args) {
      Path file = Path.of(arg);
      byte[] bytes = Files.readAllBytes(file);
      String name = file.getFileName().toString();
      double[] check = time(warmup, runs, () -> analyze(name, bytes));
      row("check", name, check);
      Analysis analysis = analyze(name, bytes);
      for (TargetId id : targets()) {
        // A compile that fails or does not prove its output is not a figure: say so and stop.
        Compilation.Output once = Compilation.compile(analysis.decisionMap().orElseThrow(), bytes,
            EnumSet.of(id), Compilation.Options.defaults().withIpv4Only(true));
        if (once.hasErrors() || !once.verificationProblems().isEmpty()) {
          throw new IllegalStateException(name + " " + id.keyword() + ": " + once.diagnostics()
              + " " + once.verificationProblems());
        }
        double[] compile =
            time(
                warmup,
                runs,
                () ->
                    Compilation.compile(
                        analysis.decisionMap().orElseThrow(),
                        bytes,
                        EnumSet.of(id),
                        Compilation.Options.defaults().withIpv4Only(true)));
        row("compile " + id.keyword() + " (verified)", name, compile);
      }
    }
  }

  /**
   * The targets compiled: {@code -Dtargets=netsh,ipseccmd,...}, default the Windows Firewall ones
   * (the legacy IPsec targets need the kb-N policies: one filter per port and address block).
   */
  private static List<TargetId> targets() {
    String wanted = System.getProperty("targets", "netsh,powershell");
    List<TargetId> out = new ArrayList<>();
    for (String k : wanted.split(",")) {
      TargetId id = Targets.builtIn().keySet().stream().filter(t -> t.keyword().equals(k.trim()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("not a target: " + k));
      out.add(id);
    }
    return out;
  }

  private static Analysis analyze(String name, byte[] bytes) {
    Analysis a = Compiler.analyze(p -> p.equals(name) ? Optional.of(bytes) : Optional.empty(), name);
    if (a.hasErrors()) {
      throw new IllegalStateException("benchmark policy has errors: " + a.diagnostics());
    }
    return a;
  }

  private static double[] time(int warmup, int runs, Runnable work) {
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.run();
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new double[] {sorted[sorted.length / 2], sorted[0]};
  }

  private static void row(String phase, String name, double[] t) {
    System.out.printf("| %s | %s | %.1f | %.1f |%n", phase, name, t[0], t[1]);
    System.out.flush();
  }

}
