package dev.rpcwall.emit.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.Seeded;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Completeness of the Sigma rules (issue 10 point 2): for random policies, the (remote address,
 * local port) pairs the violation rules (5156 and Sysmon 3) and the blocked-attempt rule (5157) of
 * each profile match, read back from the emitted YAML and evaluated point by point with {@link
 * SigmaEvaluator}, are exactly the pairs the policy blocks on TCP 135, the dynamic range (the
 * Windows default when unset) and the WMI fixed port: every port 0-65535, at every boundary +-1 of
 * every rule's addresses and of every blocked set (both families). The WMI base rules match exactly
 * outside the addresses allowed on 135 and the WMI port. The seed is printed on failure.
 */
class SigmaCompletenessPropertyTest {
  private static final String[] PORTS = new String[65536];

  static {
    for (int p = 0; p < PORTS.length; p++) {
      PORTS[p] = Integer.toString(p);
    }
  }

  @Test
  void violationAndBlockedRules_matchExactlyWhatThePolicyBlocksOnTheRpcPorts() {
    Seeded.check(qt -> qt.withExamples(6).forAll(RandomPolicies.policies()).checkAssert(this::check));
  }

  /** Independent of the target's plan: 135, the policy's range or 49152-65535, the WMI port. */
  private static boolean rpcPort(Policy policy, int port) {
    boolean dynamic = policy.rpc().dynamicPorts().map(s -> s.contains(port)).orElse(port >= 49152);
    boolean wmi = policy.rpc().wmiFixedPort().isPresent() && policy.rpc().wmiFixedPort().getAsInt() == port;
    return port == 135 || dynamic || wmi;
  }

  private static boolean wmiPort(Policy policy, int port) {
    if (policy.rpc().wmiFixedPort().isPresent()) {
      return policy.rpc().wmiFixedPort().getAsInt() == port;
    }
    return policy.rpc().dynamicPorts().map(s -> s.contains(port)).orElse(port >= 49152);
  }

  private void check(Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    SigmaRules.Output out = SigmaRules.compile(map, new byte[0], "test");
    // The emitter's own files, evaluated below apart from the self-check, which must accept them.
    SigmaInput input = SigmaInput.of(map, SigmaRules.sha256(new byte[0]), "test");
    List<EmittedFile> emitted = out.diagnostics().hasErrors() ? List.of() : new SigmaEmitter().emit(input);
    Map<String, JsonNode> rules = new HashMap<>();
    for (EmittedFile f : emitted) {
      try {
        rules.put(f.name(), SigmaRules.read(new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8)));
      } catch (java.io.IOException e) {
        throw new AssertionError(f.name(), e);
      }
    }
    java.util.Set<AddressSet> sets = new java.util.LinkedHashSet<>();
    policy.rules().forEach(r -> sets.add(r.addresses()));
    for (Profile p : Profile.values()) {
      for (PortSlice s : map.slices(p, Protocol.TCP)) {
        sets.add(s.blocked());
      }
    }
    List<Ip> addresses = boundaries(sets);
    String base = SigmaInput.of(map, "", "test").fileBase();
    boolean[] rpc = new boolean[65536];
    for (int port = 0; port <= 65535; port++) {
      rpc[port] = rpcPort(policy, port);
    }
    boolean anyBlocked = false;
    Profile[] profiles = Profile.values();
    SigmaEvaluator[][] byProfile = new SigmaEvaluator[profiles.length][];
    for (Profile p : profiles) {
      SigmaEvaluator[] three = {
        evaluator(rules, base, "violation-security", p),
        evaluator(rules, base, "violation-sysmon", p),
        evaluator(rules, base, "blocked-security", p)};
      assertThat(three[0] == null).isEqualTo(three[1] == null).isEqualTo(three[2] == null);
      byProfile[p.ordinal()] = three[0] == null ? null : three;
    }
    Map<String, String> e5156 = new HashMap<>(Map.of("EventID", "5156", "Direction", "%%14592", "Protocol", "6"));
    Map<String, String> e5157 = new HashMap<>(Map.of("EventID", "5157", "Direction", "Inbound", "Protocol", "6"));
    Map<String, String> e3 = new HashMap<>(Map.of("Initiated", "false", "Protocol", "tcp"));
    for (Ip a : addresses) {
      String ip = a.toString();
      e5156.put("DestAddress", ip);
      e5157.put("DestAddress", ip);
      e3.put("SourceIp", ip);
      // The policy's answer for this address on every port, per profile, from the decision function.
      boolean[][] blockedAt = new boolean[profiles.length][65536];
      for (Profile p : profiles) {
        for (PortSlice s : map.slices(p, Protocol.TCP)) {
          boolean b = s.managed() && s.regionOf(a).decision() == Decision.BLOCK;
          for (int port = s.ports().first(); port <= s.ports().last(); port++) {
            blockedAt[p.ordinal()][port] = b && rpc[port];
          }
        }
      }
      for (int port = 0; port <= 65535; port++) {
        e5156.put("SourcePort", PORTS[port]);
        e5157.put("SourcePort", PORTS[port]);
        e3.put("DestinationPort", PORTS[port]);
        SigmaEvaluator[] last = null;
        boolean[] got = new boolean[3];
        for (Profile p : profiles) {
          boolean want = blockedAt[p.ordinal()][port];
          anyBlocked |= want;
          SigmaEvaluator[] three = byProfile[p.ordinal()];
          if (three == null) {
            if (want) {
              throw new AssertionError(p + " port " + port + " " + ip + " is blocked but no rule covers " + p);
            }
            continue;
          }
          if (three != last) {
            got[0] = three[0].matches(e5156);
            got[1] = three[1].matches(e3);
            got[2] = three[2].matches(e5157);
            last = three;
          }
          if (got[0] != want || got[1] != want || got[2] != want) {
            throw new AssertionError(p + " port " + port + " address " + ip + ": policy blocks=" + want
                + ", 5156 rule=" + got[0] + ", sysmon rule=" + got[1] + ", 5157 rule=" + got[2]);
          }
        }
      }
    }
    // An outbound connection, or UDP, never matches.
    for (Profile p : profiles) {
      SigmaEvaluator[] three = byProfile[p.ordinal()];
      if (three == null) {
        continue;
      }
      Map<String, String> outbound = new HashMap<>(e5156);
      outbound.put("Direction", "%%14593");
      Map<String, String> udp = new HashMap<>(e3);
      udp.put("Protocol", "udp");
      for (int port : new int[] {135, 5001, 24158, 49152}) {
        outbound.put("SourcePort", PORTS[port]);
        udp.put("DestinationPort", PORTS[port]);
        for (Ip a : addresses) {
          outbound.put("DestAddress", a.toString());
          udp.put("SourceIp", a.toString());
          assertThat(three[0].matches(outbound)).isFalse();
          assertThat(three[1].matches(udp)).isFalse();
        }
      }
    }
    checkWmi(policy, map, rules, base, addresses, out, anyBlocked);
    assertThat(SigmaRules.verify(input, emitted)).as("the self-check accepts the files").isEmpty();
    assertThat(out.verificationProblems()).isEmpty();
  }

  private static void checkWmi(Policy policy, DecisionMap map, Map<String, JsonNode> rules, String base,
      List<Ip> addresses, SigmaRules.Output out, boolean anyBlocked) {
    JsonNode epm = rules.get(base + "-wmi-epm.yml");
    JsonNode port = rules.get(base + "-wmi-port.yml");
    int[] wmiProbe = policy.rpc().wmiFixedPort().isPresent()
        ? new int[] {policy.rpc().wmiFixedPort().getAsInt()}
        : policy.rpc().dynamicPorts().isPresent() ? new int[] {5001, 5011, 5021} : new int[] {49152, 60000, 65535};
    boolean anyOutside = false;
    Map<String, String> e = new HashMap<>(Map.of("EventID", "5156", "Direction", "%%14592", "Protocol", "6"));
    for (Ip a : addresses) {
      boolean manager = true;
      for (Profile p : Profile.values()) {
        manager &= map.decide(p, Protocol.TCP, 135, a).decision() == Decision.ALLOW;
        for (int w : wmiProbe) {
          manager &= map.decide(p, Protocol.TCP, w, a).decision() == Decision.ALLOW;
        }
      }
      anyOutside |= !manager;
      if (epm == null) {
        continue;
      }
      SigmaEvaluator epmRule = new SigmaEvaluator(epm.get("detection"));
      SigmaEvaluator portRule = new SigmaEvaluator(port.get("detection"));
      e.put("DestAddress", a.toString());
      for (int q : new int[] {134, 135, 136, wmiProbe[0] - 1, wmiProbe[0], wmiProbe[wmiProbe.length - 1],
          Math.min(65535, wmiProbe[wmiProbe.length - 1] + 1)}) {
        e.put("SourcePort", PORTS[q]);
        assertThat(epmRule.matches(e)).as("epm rule, %s port %d", a, q).isEqualTo(q == 135 && !manager);
        assertThat(portRule.matches(e)).as("wmi port rule, %s port %d", a, q)
            .isEqualTo(wmiPort(policy, q) && !manager);
      }
    }
    List<String> codes = out.diagnostics().sorted().stream().map(Diagnostic::code).toList();
    if (!anyBlocked && !anyOutside) {
      assertThat(codes).contains(Codes.SIGMA_NOTHING);
      assertThat(out.files()).isEmpty();
    } else {
      assertThat(codes).doesNotContain(Codes.SIGMA_NOTHING);
      assertThat(epm != null).as("WMI rules exactly when someone is outside the managers").isEqualTo(anyOutside);
    }
  }

  /** Every first and last address of every range of {@code sets} and of both families, +-1. */
  private static List<Ip> boundaries(java.util.Collection<AddressSet> sets) {
    java.util.TreeSet<Ip> out = new java.util.TreeSet<>();
    List<Ip> ends = new ArrayList<>();
    for (dev.rpcwall.compiler.semantics.IpFamily f : dev.rpcwall.compiler.semantics.IpFamily.values()) {
      ends.add(Ip.min(f));
      ends.add(Ip.max(f));
    }
    for (AddressSet set : sets) {
      for (dev.rpcwall.compiler.semantics.IpRange r : set.ranges()) {
        ends.add(r.first());
        ends.add(r.last());
      }
    }
    for (Ip ip : ends) {
      out.add(ip);
      if (!ip.isMin()) {
        out.add(ip.previous());
      }
      if (!ip.isMax()) {
        out.add(ip.next());
      }
    }
    return new ArrayList<>(out);
  }

  /** The rule of {@code kind} whose profile class holds {@code p}, or null. */
  private static SigmaEvaluator evaluator(Map<String, JsonNode> rules, String base, String kind, Profile p) {
    for (Map.Entry<String, JsonNode> r : rules.entrySet()) {
      String name = r.getKey();
      if (!name.startsWith(base + "-" + kind)) {
        continue;
      }
      String suffix = name.substring((base + "-" + kind).length(), name.length() - ".yml".length());
      if (suffix.isEmpty() || List.of(suffix.substring(1).split("-")).contains(p.keyword())) {
        return new SigmaEvaluator(r.getValue().get("detection"));
      }
    }
    return null;
  }
}
