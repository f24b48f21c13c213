package dev.rpcwall.compiler.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random hosts with everything readers can produce (keywords, host conditions, outbound and
 * disabled rules, GPO rules, profile states, IPsec filters, odd RPC values): lint and the view never
 * throw, findings are sorted and carry catalog IDs with their category.
 */
class LinterRobustnessTest {
  private static final String[] PORT_VALUES = {
    "5001-5100", "5000 - 5100", "5000/5100", "", "abc", "70000", "135", "6000-5000", "1-65535", " 5001"
  };

  @Test
  void randomHosts_lintAndViewNeverThrow() {
    Seeded.check(
        qt ->
            qt.withExamples(40)
                .forAll(longs().all())
                .checkAssert(
                    seed -> {
                      Random random = new Random(seed);
                      HostRules h = new HostRules();
                      for (WfasRule r : RuleRelationsPropertyTest.randomRules(random)) {
                        h.state.addRule(new HostRule(decorate(r, random),
                            random.nextInt(4) == 0 ? HostStore.GPO : HostStore.LOCAL));
                      }
                      for (Profile p : Profile.values()) {
                        if (random.nextInt(3) == 0) {
                          h.profileState(p, ProfileState.values()[random.nextInt(ProfileState.values().length)]);
                        }
                        if (random.nextInt(3) == 0) {
                          h.defaultInbound(p, random.nextBoolean() ? Action.ALLOW : Action.BLOCK);
                        }
                      }
                      if (random.nextBoolean()) {
                        h.rpc("Ports", random.nextBoolean() ? RegistryValue.REG_MULTI_SZ : "REG_SZ",
                            PORT_VALUES[random.nextInt(PORT_VALUES.length)],
                            PORT_VALUES[random.nextInt(PORT_VALUES.length)]);
                      }
                      if (random.nextBoolean()) {
                        h.rpc("PortsInternetAvailable", RegistryValue.REG_SZ, random.nextBoolean() ? "Y" : "n");
                      }
                      if (random.nextBoolean()) {
                        h.rpc("UseInternetPorts", RegistryValue.REG_SZ, random.nextBoolean() ? "y" : "N");
                      }
                      if (random.nextInt(3) == 0) {
                        h.wmiPort(random.nextInt(70000));
                      }
                      for (int i = random.nextInt(4); i > 0; i--) {
                        IpsecAddress src = random.nextBoolean() ? IpsecAddress.any()
                            : IpsecAddress.prefix(0x0A000000L + random.nextInt(1 << 16), 8 + random.nextInt(25));
                        IpsecAddress dst = random.nextInt(4) == 0
                            ? IpsecAddress.host(0x0A000005L) : IpsecAddress.me();
                        h.ipsec(new IpsecFilter(src, dst, random.nextBoolean() ? 6 : 0, 0,
                            random.nextBoolean() ? 135 : 0, random.nextBoolean(),
                            IpsecAction.values()[random.nextInt(3)]));
                      }
                      Roles roles = new Roles(Optional.of(Rules.net("10.1.0.0/16")), Optional.empty(),
                          Optional.empty(), random.nextBoolean() ? Optional.empty()
                              : Optional.of(Rules.net("0.0.0.0/1")));
                      List<Finding> findings = h.lint(roles);
                      assertThat(findings).isSortedAccordingTo(
                          Comparator.comparing(Finding::at).thenComparing(Finding::id));
                      for (Finding f : findings) {
                        LintRule rule = LintCatalog.byId(f.id()).orElseThrow();
                        assertThat(f.category()).isEqualTo(rule.category());
                        assertThat(f.severity()).isEqualTo(rule.severity());
                        assertThat(f.message()).doesNotContain("\n");
                      }
                      assertThat(EffectiveView.render(h.host(), roles)).startsWith("Effective");
                    }));
  }

  /** Adds keywords, host conditions, outbound direction at random. */
  private static WfasRule decorate(WfasRule r, Random random) {
    PortCondition local = r.localPorts();
    if (r.protocol() == 6 && random.nextInt(5) == 0) {
      local = new PortCondition(false, local.any() ? dev.rpcwall.compiler.semantics.PortSet.empty() : local.ports(),
          Set.of(random.nextBoolean() ? PortKeyword.RPC : PortKeyword.RPC_EPMAP));
    }
    AddressCondition remote = r.remoteAddresses();
    if (random.nextInt(6) == 0) {
      remote = new AddressCondition(false, remote.any() ? dev.rpcwall.compiler.semantics.AddressSet.empty()
          : remote.addresses(), Set.of(AddressKeyword.LOCAL_SUBNET));
    }
    PortCondition remotePorts = random.nextInt(8) == 0
        ? PortCondition.of(Rules.ports("135")) : PortCondition.ANY;
    return new WfasRule(r.id(), r.displayName(), r.group(), r.description(),
        random.nextInt(6) == 0 ? dev.rpcwall.compiler.model.Direction.OUT : r.direction(),
        random.nextInt(10) == 0 ? dev.rpcwall.compiler.model.RuleAction.BYPASS : r.action(),
        r.protocol(), local, remotePorts, r.localAddresses(), remote, r.profiles(), r.enabled(),
        random.nextInt(4) == 0 ? Optional.of("C:\\app.exe") : Optional.empty(),
        random.nextInt(6) == 0 ? Optional.of("RpcSs") : Optional.empty(), r.origin(),
        random.nextInt(8) == 0 ? List.of("interface type wireless") : List.of());
  }
}
