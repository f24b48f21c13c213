package dev.rpcwall.bench;

import dev.rpcwall.compiler.Compiler;
import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.verify.HostVerification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The comparison alone against a host of many rules, as a registry export of a long-lived server
 * has them (until the registry reader's export generator is here): N rules, each one address or
 * /24 on the endpoint mapper or one port of the policy's RPC range, mostly Allow, random
 * profiles. Prints the time of each round and how many lines the report has.
 *
 * <p>Usage: {@code java -cp JAR:cli/target/test-classes dev.rpcwall.bench.VerifyManyRulesBench
 * ROUNDS POLICY N}
 */
public final class VerifyManyRulesBench {
  private VerifyManyRulesBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    String policy = args[1];
    int n = Integer.parseInt(args[2]);
    long t0 = System.nanoTime();
    DecisionMap map = Compiler.analyze(p -> {
      try {
        return Optional.of(Files.readAllBytes(Path.of(p)));
      } catch (java.io.IOException e) {
        return Optional.empty();
      }
    }, policy).decisionMap().orElseThrow();
    System.out.printf("policy %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    Random random = new Random(1);
    HostState host = new HostState();
    for (int i = 0; i < n; i++) {
      long base = (10L << 24) | ((long) random.nextInt(1 << 16) << 8);
      AddressSet remote = random.nextBoolean()
          ? AddressSet.of(Ip.v4(base | random.nextInt(256)))
          : AddressSet.cidr(Ip.v4(base), 24);
      int port = random.nextInt(4) == 0 ? 135 : 5001 + random.nextInt(100);
      Set<Profile> profiles = random.nextInt(3) == 0
          ? EnumSet.of(Profile.values()[random.nextInt(3)]) : Set.of();
      RuleAction action = random.nextInt(10) == 0 ? RuleAction.BLOCK : RuleAction.ALLOW;
      host.addRule(new HostRule(new WfasRule("r" + i, "Rule " + i, Optional.empty(),
          Optional.empty(), Direction.IN, action, 6, PortCondition.of(PortSet.of(port)),
          PortCondition.ANY, AddressCondition.ANY, AddressCondition.of(remote), profiles, true,
          Optional.empty(), Optional.empty(), SourceSpan.at("export.reg", i + 2, 1, 1)),
          HostStore.LOCAL));
    }
    for (int round = 0; round < rounds; round++) {
      long w = System.nanoTime();
      long c = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      HostVerification.Report report = HostVerification.verify(map, new EffectiveHost(host),
          HostVerification.Model.WFAS, Optional.empty(), false);
      System.out.printf("round %d: verify %d ms (cpu %d ms), %d differences%n", round,
          (System.nanoTime() - w) / 1_000_000,
          (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - c)
              / 1_000_000,
          report.differences().size());
    }
  }
}
