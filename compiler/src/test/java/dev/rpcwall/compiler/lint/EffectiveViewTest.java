package dev.rpcwall.compiler.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.ProfileSetting;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.lint.HostModel.Reach;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EffectiveViewTest {

  @Test
  void render_listsWhatReachesWithItsRuleAndTheAssumptions() {
    HostRules h = new HostRules()
        .allow("RPC").port("135").from("10.0.0.0/8").add()
        .allow("App").port("8080").program("C:\\app.exe").add()
        .block("No SMB").port("445").add()
        .allow("SMB").port("445").add()
        .rpcRange("5001-5200")
        .defaultInbound(Profile.DOMAIN, Action.BLOCK);
    String view = EffectiveView.render(h.host());
    assertThat(view)
        .contains("default inbound action block in private, public (no input sets it;"
            + " Windows' default)")
        .contains("RPC dynamic range: Rpc\\Internet Ports 5001-5200 (host.cmd:5:1)")
        .contains("profile domain: firewall on, default inbound block (host.cmd:8:1)")
        .contains("profile public: firewall on, default inbound block (assumed)")
        .contains("    135   from 10.0.0.0/8  allowed by rule \"RPC\" (host.cmd:1:1)\n")
        .contains("    8080  from any address  allowed by rule \"App\" (host.cmd:2:1)  (depends on"
            + " the host: rule \"App\": program condition)\n")
        .doesNotContain("445")
        .contains("  udp:\n    nothing reachable\n");
    assertThat(EffectiveView.render(h.host())).as("deterministic").isEqualTo(view);
  }

  @Test
  void render_firewallOffAndIpsec() {
    HostRules h = new HostRules()
        .profileState(Profile.PUBLIC, ProfileState.FIREWALL_OFF)
        .allow("RDP").port("3389").add()
        .ipsec(IpsecFilter.inbound(IpsecAddress.prefix(0x0A000000L, 8), 6, 3389, IpsecAction.BLOCK));
    String view = EffectiveView.render(h.host());
    assertThat(view)
        .contains("profile public: firewall OFF, nothing is blocked (host.cmd:1:1)")
        .contains("0-65535  from any address  allowed by the firewall being off in the public"
            + " profile (host.cmd:1:1)")
        .contains("legacy IPsec filters (1, from host.cmd:3:1) and the firewall both apply")
        .contains("3389  from any address except 10.0.0.0/8  allowed by rule \"RDP\" (host.cmd:2:1)");
  }

  /**
   * What the model says reaches the host, and what decides, agrees with a naive point evaluation
   * at every port and every boundary address +-1: allowed when no Block rule matches and an Allow
   * rule does (the first in list order decides) or the profile default allows.
   */
  @Test
  void reach_agreesWithPointEvaluation() {
    Seeded.check(
        qt ->
            qt.withExamples(25)
                .forAll(longs().all())
                .checkAssert(
                    seed -> {
                      Random random = new Random(seed);
                      List<WfasRule> rules = RuleRelationsPropertyTest.randomRules(random);
                      HostState state = new HostState();
                      for (WfasRule r : rules) {
                        state.addRule(new HostRule(r, HostStore.LOCAL));
                      }
                      for (Profile p : Profile.values()) {
                        switch (random.nextInt(5)) {
                          case 0 -> state.setDefaultInbound(p, new ProfileSetting<>(Action.ALLOW, SourceSpan.UNKNOWN));
                          case 1 -> state.setProfileState(p, new ProfileSetting<>(ProfileState.SHIELDED, SourceSpan.UNKNOWN));
                          case 2 -> state.setProfileState(p, new ProfileSetting<>(ProfileState.FIREWALL_OFF, SourceSpan.UNKNOWN));
                          default -> { }
                        }
                      }
                      HostModel m = new HostModel(new EffectiveHost(state), Roles.NONE);
                      List<AddressSet> sets = new ArrayList<>();
                      for (WfasRule r : rules) {
                        sets.add(r.remoteAddresses().addresses());
                      }
                      List<Ip> addresses = Boundaries.of(sets);
                      for (Profile p : Profile.values()) {
                        for (Protocol t : Protocol.values()) {
                          agree(seed, rules, state, m, p, t, addresses);
                        }
                      }
                    }));
  }

  private static int indexOf(List<WfasRule> rules, WfasRule rule) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i) == rule) {
        return i;
      }
    }
    return -2;
  }

  private static void agree(long seed, List<WfasRule> rules, HostState state, HostModel m,
      Profile p, Protocol t, List<Ip> addresses) {
    List<Reach> reaches = m.reach(p, t, PortSet.all(), HostModel.everyone());
    ProfileState ps = state.profileStates().containsKey(p)
        ? state.profileStates().get(p).value() : ProfileState.ENFORCING;
    boolean defaultAllow = state.defaultInbound().containsKey(p)
        && state.defaultInbound().get(p).value() == Action.ALLOW;
    int n = rules.size();
    int[] portMask = new int[PortRange.MAX_PORT + 1];
    for (int i = 0; i < n; i++) {
      WfasRule r = rules.get(i);
      if (!r.enabled() || !r.appliesTo(p)
          || (r.protocol() != WfasRule.ANY_PROTOCOL && r.protocol() != t.number())) {
        continue;
      }
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        if (r.localPorts().any() || r.localPorts().ports().contains(port)) {
          portMask[port] |= 1 << i;
        }
      }
    }
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      if (rules.get(i).action() == RuleAction.BLOCK) {
        blocks |= 1 << i;
      }
    }
    int[] expected = new int[PortRange.MAX_PORT + 1];
    int[] actual = new int[PortRange.MAX_PORT + 1];
    for (Ip ip : addresses) {
      if (AddressLimits.LOOPBACK.contains(ip)) {
        continue;
      }
      int addrMask = 0;
      for (int i = 0; i < n; i++) {
        AddressCondition c = rules.get(i).remoteAddresses();
        if (c.any() || c.addresses().contains(ip)) {
          addrMask |= 1 << i;
        }
      }
      // -1 blocked, n the default or firewall off, else the deciding Allow rule's index.
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        int match = portMask[port] & addrMask;
        int e;
        if (ps == ProfileState.FIREWALL_OFF) {
          e = n;
        } else if ((match & blocks) != 0) {
          e = -1;
        } else if (ps != ProfileState.SHIELDED && (match & ~blocks) != 0) {
          e = Integer.numberOfTrailingZeros(match & ~blocks);
        } else {
          e = ps != ProfileState.SHIELDED && defaultAllow ? n : -1;
        }
        expected[port] = e;
        actual[port] = -1;
      }
      for (Reach r : reaches) {
        if (!r.addresses().contains(ip)) {
          continue;
        }
        if (!r.certain()) {
          throw new AssertionError("seed " + seed + ": uncertain reach without host conditions " + r);
        }
        int cause = r.cause().rule() == null ? n : indexOf(rules, r.cause().rule());
        for (int port = r.ports().first(); port <= r.ports().last(); port++) {
          if (actual[port] != -1) {
            throw new AssertionError("seed " + seed + ": two reaches for port " + port + " from " + ip);
          }
          actual[port] = cause;
        }
      }
      for (int port = 0; port <= PortRange.MAX_PORT; port++) {
        if (expected[port] != actual[port]) {
          throw new AssertionError("seed " + seed + " " + p + " " + t + " port " + port + " from "
              + ip + ": expected " + expected[port] + ", view says " + actual[port] + "\n"
              + rules);
        }
      }
    }
  }
}
