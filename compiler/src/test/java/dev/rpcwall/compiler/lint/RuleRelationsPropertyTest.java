package dev.rpcwall.compiler.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rpcwall.compiler.host.EffectiveHost;
import dev.rpcwall.compiler.host.HostRule;
import dev.rpcwall.compiler.host.HostState;
import dev.rpcwall.compiler.host.HostStore;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
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
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * dead-allow, duplicate and redundant against a naive point evaluator: every profile, TCP and UDP,
 * every port 0-65535, and every address at each boundary +-1 of every rule's addresses (between
 * boundaries every set is constant). Random rules without host conditions, so both readings agree
 * and the checks must be exact.
 */
class RuleRelationsPropertyTest {
  private static final int[] PORT_POINTS = {0, 1, 134, 135, 136, 139, 440, 445, 446, 1000, 5000, 65534, 65535};
  private static final String[] NETS = {
    "10.0.0.0/8", "10.1.0.0/16", "10.1.128.0/17", "0.0.0.0/1", "128.0.0.0/1", "127.0.0.0/8",
    "192.168.1.5", "::/0", "fd00::/8", "::1", "10.1.0.0/17"
  };
  private static final Pattern NAME = Pattern.compile("rule \"([^\"]+)\"");

  @Test
  void deadAllowDuplicateRedundant_agreeWithPointEvaluation() {
    Seeded.check(
        qt ->
            qt.withExamples(60)
                .forAll(longs().all())
                .checkAssert(seed -> check(seed, new Random(seed))));
  }

  private static void check(long seed, Random random) {
    List<WfasRule> rules = randomRules(random);
    HostState state = new HostState();
    for (WfasRule r : rules) {
      state.addRule(new HostRule(r, HostStore.LOCAL));
    }
    List<Finding> findings = Linter.lint(new EffectiveHost(state), List.of(), Roles.NONE);
    int n = rules.size();
    // masks[i]: the distinct sets of matching rules at the points rule i matches.
    List<Set<Integer>> masks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      masks.add(new HashSet<>());
    }
    List<AddressSet> sets = new ArrayList<>();
    for (WfasRule r : rules) {
      sets.add(r.remoteAddresses().addresses());
    }
    List<Ip> addresses = Boundaries.of(sets);
    boolean[] seen = new boolean[1 << n];
    for (Profile p : Profile.values()) {
      for (Protocol t : Protocol.values()) {
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
        for (Ip ip : addresses) {
          if (AddressLimits.LOOPBACK.contains(ip)) {
            continue; // never filtered: no rule matches it
          }
          int addrMask = 0;
          for (int i = 0; i < n; i++) {
            AddressCondition c = rules.get(i).remoteAddresses();
            if (c.any() || c.addresses().contains(ip)) {
              addrMask |= 1 << i;
            }
          }
          for (int port = 0; port <= PortRange.MAX_PORT; port++) {
            seen[portMask[port] & addrMask] = true;
          }
        }
      }
    }
    for (int m = 1; m < seen.length; m++) {
      if (seen[m]) {
        for (int i = 0; i < n; i++) {
          if ((m & (1 << i)) != 0) {
            masks.get(i).add(m);
          }
        }
      }
    }
    String context = "seed " + seed + ", rules:\n" + describe(rules) + "findings: " + findings;
    for (int i = 0; i < n; i++) {
      WfasRule r = rules.get(i);
      int line = i + 1;
      List<Finding> at = findings.stream().filter(f -> f.at().line() == line).toList();
      Set<Integer> mine = masks.get(i);
      boolean matches = !mine.isEmpty();

      // duplicate: the rule named matches exactly the same points.
      List<Finding> dup = at.stream().filter(f -> f.id().equals("RWL0202")).toList();
      boolean expectDuplicate = false;
      for (int j = 0; j < i; j++) {
        if (r.enabled() && RuleRelations.Meaning.of(rules.get(j)).equals(RuleRelations.Meaning.of(r))) {
          expectDuplicate = true;
        }
      }
      assertThat(!dup.isEmpty()).as("duplicate of rule %d? %s", i, context).isEqualTo(expectDuplicate);
      for (Finding f : dup) {
        int j = indexOf(rules, names(f.message()).get(1));
        assertThat(sameEverywhere(masks, i, j)).as("duplicate %d~%d %s", i, j, context).isTrue();
      }

      // redundant: some other rule of the same action matches wherever this one does.
      List<Finding> red = at.stream().filter(f -> f.id().equals("RWL0203")).toList();
      boolean expectRedundant = false;
      if (r.enabled() && matches && !expectDuplicate) {
        for (int j = 0; j < n; j++) {
          WfasRule q = rules.get(j);
          if (j == i || !q.enabled() || q.action() != r.action()
              || RuleRelations.Meaning.of(q).equals(RuleRelations.Meaning.of(r))) {
            continue;
          }
          boolean covers = coveredBy(masks, i, j);
          boolean mutual = coveredBy(masks, j, i) && !masks.get(j).isEmpty();
          if (covers && !(j > i && mutual)) {
            expectRedundant = true;
          }
        }
      }
      assertThat(!red.isEmpty()).as("redundant rule %d? %s", i, context).isEqualTo(expectRedundant);
      for (Finding f : red) {
        int j = indexOf(rules, names(f.message()).get(1));
        assertThat(rules.get(j).action()).isEqualTo(r.action());
        assertThat(coveredBy(masks, i, j)).as("rule %d covered by %d %s", i, j, context).isTrue();
      }

      // dead-allow: every point the Allow rule matches, some Block rule matches; the set named
      // does it and no smaller set does.
      List<Finding> dead = at.stream().filter(f -> f.id().equals("RWL0201")).toList();
      int blockMask = 0;
      for (int j = 0; j < n; j++) {
        if (rules.get(j).enabled() && rules.get(j).action() == RuleAction.BLOCK) {
          blockMask |= 1 << j;
        }
      }
      boolean expectDead = r.enabled() && r.action() == RuleAction.ALLOW && matches
          && hits(mine, blockMask);
      assertThat(!dead.isEmpty()).as("dead allow %d? %s", i, context).isEqualTo(expectDead);
      for (Finding f : dead) {
        List<String> named = names(f.message());
        int chosen = 0;
        for (String s : named.subList(1, named.size())) {
          chosen |= 1 << indexOf(rules, s);
        }
        assertThat(hits(mine, chosen)).as("named set blocks all of %d: %s", i, context).isTrue();
        int smallest = Integer.MAX_VALUE;
        for (int s = blockMask; s > 0; s = (s - 1) & blockMask) {
          if (hits(mine, s)) {
            smallest = Math.min(smallest, Integer.bitCount(s));
          }
        }
        assertThat(Integer.bitCount(chosen)).as("smallest set for %d: %s", i, context).isEqualTo(smallest);
      }
    }
  }

  /** Every mask of rule i has a bit of {@code set}. */
  private static boolean hits(Set<Integer> masks, int set) {
    for (int m : masks) {
      if ((m & set) == 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean coveredBy(List<Set<Integer>> masks, int i, int j) {
    return hits(masks.get(i), 1 << j);
  }

  private static boolean sameEverywhere(List<Set<Integer>> masks, int i, int j) {
    return coveredBy(masks, i, j) && coveredBy(masks, j, i);
  }

  private static List<String> names(String message) {
    List<String> out = new ArrayList<>();
    Matcher m = NAME.matcher(message);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static int indexOf(List<WfasRule> rules, String name) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).id().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no rule " + name);
  }

  private static String describe(List<WfasRule> rules) {
    StringBuilder sb = new StringBuilder();
    for (WfasRule r : rules) {
      sb.append("  ").append(r.id()).append(' ').append(RuleRelations.summary(r))
          .append(r.enabled() ? "" : " DISABLED").append('\n');
    }
    return sb.toString();
  }

  static List<WfasRule> randomRules(Random random) {
    int n = 2 + random.nextInt(6);
    List<WfasRule> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "r" + i;
      SourceSpan at = SourceSpan.at("host.cmd", i + 1, 1, 1);
      if (i > 0 && random.nextInt(5) == 0) {
        // A copy of an earlier rule, or the copy narrowed: duplicates and covered rules.
        WfasRule e = out.get(random.nextInt(i));
        PortCondition ports = e.localPorts();
        if (random.nextBoolean() && !ports.any() && ports.ports().ranges().size() > 0) {
          PortRange first = ports.ports().ranges().get(0);
          ports = PortCondition.of(PortSet.of(first.first()));
        }
        out.add(new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN,
            e.action(), e.protocol(), ports, PortCondition.ANY, AddressCondition.ANY,
            e.remoteAddresses(), e.profiles(), true, Optional.empty(), Optional.empty(), at));
        continue;
      }
      RuleAction action = random.nextInt(3) == 0 ? RuleAction.ALLOW : random.nextBoolean() ? RuleAction.ALLOW : RuleAction.BLOCK;
      int protocol = switch (random.nextInt(4)) {
        case 0 -> WfasRule.ANY_PROTOCOL;
        case 1 -> 17;
        default -> 6;
      };
      PortCondition ports = PortCondition.ANY;
      if (protocol != WfasRule.ANY_PROTOCOL && random.nextInt(5) != 0) {
        List<PortRange> ranges = new ArrayList<>();
        for (int k = 0; k < 1 + random.nextInt(2); k++) {
          int a = PORT_POINTS[random.nextInt(PORT_POINTS.length)];
          int b = PORT_POINTS[random.nextInt(PORT_POINTS.length)];
          ranges.add(PortRange.of(Math.min(a, b), Math.max(a, b)));
        }
        ports = PortCondition.of(PortSet.of(ranges));
      }
      AddressCondition remote = AddressCondition.ANY;
      if (random.nextInt(4) != 0) {
        List<AddressSet> nets = new ArrayList<>();
        for (int k = 0; k < 1 + random.nextInt(2); k++) {
          nets.add(Rules.net(NETS[random.nextInt(NETS.length)]));
        }
        remote = AddressCondition.of(AddressSet.union(nets));
      }
      Set<Profile> profiles = Set.of();
      if (random.nextBoolean()) {
        EnumSet<Profile> ps = EnumSet.noneOf(Profile.class);
        for (Profile p : Profile.values()) {
          if (random.nextBoolean()) {
            ps.add(p);
          }
        }
        profiles = ps;
      }
      boolean enabled = random.nextInt(8) != 0;
      out.add(new WfasRule(name, name, Optional.empty(), Optional.empty(), Direction.IN, action,
          protocol, ports, PortCondition.ANY, AddressCondition.ANY, remote, profiles, enabled,
          Optional.empty(), Optional.empty(), at));
    }
    return out;
  }
}
