package dev.rpcwall.emit.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.model.WfasSlice;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 point 3: re-applying a changed policy never opens, even for a moment, what both the
 * earlier and the new version block. On a simulated host with another tool's allow-any rule (so a
 * region is closed only while some block rule covers it), version 1 is applied, then version 2's
 * apply script runs and fails at line k, for every k; after every prefix, every packet both
 * versions block must be blocked. Checked with the WFAS evaluator over every port 0-65535 (its
 * port slices cover them all; every slice edge and the ports around it are also decided one by
 * one), both protocols, every profile, and every boundary address +-1 of both families. The seed
 * is printed on failure.
 */
class NetshReapplyOrderPropertyTest {
  private static final WfasRule ALLOW_ANY =
      new WfasRule("host", "another tool: allow everything", Optional.empty(), Optional.empty(),
          Direction.IN, RuleAction.ALLOW, WfasRule.ANY_PROTOCOL, PortCondition.ANY,
          PortCondition.ANY, AddressCondition.ANY, AddressCondition.ANY,
          EnumSet.allOf(Profile.class), true, Optional.empty(), Optional.empty(),
          SourceSpan.UNKNOWN);

  @Test
  void reapply_everyPrefix_keepsBlockedWhatBothVersionsBlock() {
    Seeded.check(qt -> qt.withExamples(8).forAll(RandomPolicies.pairs()).checkAssert(pair -> {
      EmittedFile v1 = apply(pair[0]);
      EmittedFile v2 = apply(pair[1]);
      Host afterV1 = new Host();
      afterV1.run(v1, Integer.MAX_VALUE);
      Host afterV2 = afterV1.copy();
      afterV2.run(v2, Integer.MAX_VALUE);
      List<Ip> addresses = Boundaries.ofPolicies(pair[0], pair[1]);
      WfasEvaluator old = evaluator(afterV1);
      WfasEvaluator neu = evaluator(afterV2);
      String[] v2Lines = text(v2).split("\r\n", -1);
      // After the last netsh command only the state, RPC and WMI settings change: the rules on the
      // host are those of the full run, checked too (a stop inside the RPC part leaves a partial
      // RPC configuration, which the reader rightly refuses to read).
      int lastNetsh = 0;
      for (int i = 0; i < v2Lines.length; i++) {
        if (v2Lines[i].startsWith("netsh ")) {
          lastNetsh = i;
        }
      }
      List<Integer> stops = new ArrayList<>();
      for (int k = 0; k <= lastNetsh + 1; k++) {
        stops.add(k);
      }
      stops.add(Integer.MAX_VALUE);
      for (int k : stops) {
        Host host = afterV1.copy();
        host.run(v2, k);
        assertBlocksBoth(old, neu, evaluator(host), addresses, "version 2 stopped at line " + (k + 1));
      }
    }));
  }

  /** The old apply order (deletes first, allows before blocks) fails this check. */
  @Test
  void reapply_blockRulesGoInBeforeTheEarlierOnesGo() {
    WfasRuleSet set = NetshFixtures.classic("P");
    List<String> lines = text(new NetshEmitter().emit(NetshFixtures.input(
        NetshFixtures.policy("P", Optional.empty(), RpcSettings.NONE), set)).get(0)).lines().toList();
    String slug = Slug.of("P");
    int tempBlock = indexOf(lines, "netsh advfirewall firewall add rule name=\"rpcwall/" + slug + "~new/block-");
    int listed = indexOf(lines, "for /f \"tokens=2,*\" %%A in ('reg query \"HKLM\\SOFTWARE\\rpcwall\\"
        + slug + "\\rules\"");
    int rename = indexOf(lines, "netsh advfirewall firewall set rule name=\"rpcwall/" + slug + "~new/block-");
    int allow = indexOf(lines, "netsh advfirewall firewall add rule name=\"rpcwall/" + slug + "/allow-");
    assertThat(tempBlock).isNotNegative().isLessThan(listed);
    assertThat(listed).isLessThan(rename);
    assertThat(rename).isLessThan(allow);
  }

  private static int indexOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }

  private static void assertBlocksBoth(WfasEvaluator old, WfasEvaluator neu, WfasEvaluator now,
      List<Ip> addresses, String when) {
    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        List<WfasSlice> o = old.slices(profile, protocol);
        List<WfasSlice> n = neu.slices(profile, protocol);
        List<WfasSlice> c = now.slices(profile, protocol);
        TreeSet<Integer> edges = new TreeSet<>();
        for (List<WfasSlice> slices : List.of(o, n, c)) {
          slices.forEach(s -> edges.add(s.ports().first()));
        }
        // Between two edges all three evaluations are constant: checking each part checks every
        // port 0-65535, and the address sets check every address.
        List<Integer> starts = new ArrayList<>(edges);
        for (int i = 0; i < starts.size(); i++) {
          int port = starts.get(i);
          AddressSet both = at(o, port).blocked().intersect(at(n, port).blocked());
          AddressSet open = both.minus(at(c, port).blocked());
          assertThat(open.isEmpty())
              .as("%s: %s %s port %d: blocked by both versions but open: %s", when, profile,
                  protocol, port, open)
              .isTrue();
          int last = i + 1 < starts.size() ? starts.get(i + 1) - 1 : PortRange.MAX_PORT;
          for (int p : new int[] {port, last}) {
            for (Ip a : addresses) {
              if (old.decide(profile, protocol, p, a).decision() == Decision.BLOCK
                  && neu.decide(profile, protocol, p, a).decision() == Decision.BLOCK) {
                assertThat(now.decide(profile, protocol, p, a).decision())
                    .as("%s: %s %s port %d from %s", when, profile, protocol, p, a)
                    .isEqualTo(Decision.BLOCK);
              }
            }
          }
        }
      }
    }
  }

  private static WfasSlice at(List<WfasSlice> slices, int port) {
    for (WfasSlice s : slices) {
      if (s.ports().contains(port)) {
        return s;
      }
    }
    throw new AssertionError("no slice for port " + port);
  }

  private static WfasEvaluator evaluator(Host host) {
    return WfasEvaluator.of(new WfasRuleSet(host.rules, RpcSettings.NONE));
  }

  private static EmittedFile apply(Policy policy) {
    WfasRuleSet lowered = WfasLowering.lower(DecisionMap.of(policy));
    ScriptInput input = new ScriptInput(policy, lowered, Slug.of(policy.name()), "ab".repeat(32), "0");
    return new NetshEmitter().emit(input).get(0);
  }

  private static String text(EmittedFile f) {
    return new String(f.bytes(), StandardCharsets.US_ASCII);
  }

  /** The rules on a host and the policy's state, changed by runs of scripts (read back). */
  private static final class Host {
    final List<WfasRule> rules = new ArrayList<>();
    NetshStateFiles state = new NetshStateFiles();

    Host() {
      rules.add(ALLOW_ANY);
    }

    Host copy() {
      Host h = new Host();
      h.rules.clear();
      h.rules.addAll(rules);
      h.state = state.copy();
      return h;
    }

    /** Runs the lines before index {@code stopAt}: the command there failed. */
    void run(EmittedFile script, int stopAt) {
      String[] lines = text(script).split("\r\n", -1);
      String ran = String.join("\r\n", java.util.Arrays.copyOf(lines, Math.min(stopAt, lines.length)))
          + "\r\n";
      // The run stops there: a goto in the lines run (the RPC part, after every firewall
      // command) lands on its label, placed after the end, so that the reader can follow it.
      StringBuilder labels = new StringBuilder("exit /b 0\r\n");
      for (String l : lines) {
        if (l.startsWith(":")) {
          labels.append(l).append("\r\n");
        }
      }
      StringBuilder text = new StringBuilder();
      for (WfasRule r : rules) {
        text.append(NetshEmitter.addLine(r)).append("\r\n");
      }
      text.append(state.expand(ran)).append(labels);
      Result<WfasRuleSet> read = NetshFixtures.read("host.cmd", text.toString());
      assertThat(read.diagnostics()).as("reading the host after %s", script.name())
          .filteredOn(d -> d.severity() == dev.rpcwall.compiler.diag.Severity.ERROR)
          .isEmpty();
      rules.clear();
      rules.addAll(read.orElseThrow().rules());
      state.run(ran);
    }
  }
}
