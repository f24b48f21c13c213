package dev.rpcwall.compiler.testing;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * Random resolved policies for property tests: nested and overlapping networks built with union
 * and minus, both families, overlapping port ranges on both protocols, profile subsets, both
 * defaults, and optional RPC settings. Small on purpose (at most 8 rules) so exhaustive checks
 * over every port stay fast. Every policy is a pure function of a seed, which QuickTheories draws.
 */
public final class RandomPolicies {
  private static final String SOURCE = "random.rpcwall";

  /** Port anchors around which ranges are drawn: the RPC ports and the ends of the port space. */
  private static final int[] PORT_ANCHORS = {0, 135, 445, 5001, 5021, 24158, 49152, 65535};

  private RandomPolicies() {}

  public static Gen<Policy> policies() {
    return SourceDSL.longs().all().map(seed -> policy(new Random(seed))).describedAs(RandomPolicies::describe);
  }

  /** Two policies sharing address anchors, so their rules overlap and their diff is interesting. */
  public static Gen<Policy[]> pairs() {
    return SourceDSL.longs()
        .all()
        .map(
            seed -> {
              Random random = new Random(seed);
              RandomAddresses addresses = new RandomAddresses(random);
              return new Policy[] {policy(random, addresses), policy(random, addresses)};
            })
        .describedAs(p -> describe(p[0]) + "\n---\n" + describe(p[1]));
  }

  public static Policy policy(Random random) {
    return policy(random, new RandomAddresses(random));
  }

  public static Policy policy(Random random, RandomAddresses addresses) {
    List<AddressSet> networks = new ArrayList<>();
    int nNetworks = 1 + random.nextInt(4);
    for (int i = 0; i < nNetworks; i++) {
      AddressSet s = addresses.set(3);
      if (!networks.isEmpty() && random.nextInt(3) == 0) {
        s = s.union(networks.get(random.nextInt(networks.size())));
      }
      if (!networks.isEmpty() && random.nextInt(3) == 0) {
        s = networks.get(random.nextInt(networks.size())).minus(addresses.set(2));
      }
      if (random.nextInt(12) == 0) {
        s = AddressSet.all();
      }
      networks.add(s);
    }
    List<Rule> rules = new ArrayList<>();
    int nRules = random.nextInt(9);
    for (int i = 0; i < nRules; i++) {
      Action action = random.nextBoolean() ? Action.ALLOW : Action.BLOCK;
      AddressSet addresses1 = networks.get(random.nextInt(networks.size()));
      PortSet tcp = random.nextInt(4) == 0 ? PortSet.empty() : ports(random);
      PortSet udp = random.nextInt(2) == 0 ? PortSet.empty() : ports(random);
      Set<Profile> profiles = profiles(random);
      String text = action.keyword() + " " + addresses1 + " to tcp " + tcp + " udp " + udp;
      rules.add(
          new Rule(i, action, addresses1, tcp, udp, profiles, SourceSpan.at(SOURCE, i + 2, 1, 5), text));
    }
    Action def = random.nextInt(3) == 0 ? Action.ALLOW : Action.BLOCK;
    RpcSettings rpc = RpcSettings.NONE;
    if (random.nextBoolean()) {
      Optional<PortSet> dynamic = random.nextBoolean() ? Optional.of(PortSet.of(5001, 5021)) : Optional.empty();
      OptionalInt wmi = random.nextBoolean() ? OptionalInt.of(24158) : OptionalInt.empty();
      rpc = new RpcSettings(dynamic, SourceSpan.at(SOURCE, 1, 1, 1), wmi, SourceSpan.at(SOURCE, 1, 1, 1));
    }
    return new Policy(
        "random",
        SourceSpan.at(SOURCE, 1, 1, 6),
        Optional.empty(),
        SourceSpan.UNKNOWN,
        rules,
        def,
        SourceSpan.UNKNOWN,
        rpc,
        SOURCE);
  }

  private static PortSet ports(Random random) {
    List<PortRange> ranges = new ArrayList<>();
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      int a = clamp(PORT_ANCHORS[random.nextInt(PORT_ANCHORS.length)] + random.nextInt(5) - 2);
      int b = random.nextInt(3) == 0 ? a : clamp(a + random.nextInt(random.nextBoolean() ? 4 : 30000));
      ranges.add(PortRange.of(Math.min(a, b), Math.max(a, b)));
    }
    return PortSet.of(ranges);
  }

  private static int clamp(int port) {
    return Math.max(0, Math.min(PortRange.MAX_PORT, port));
  }

  private static Set<Profile> profiles(Random random) {
    if (random.nextBoolean()) {
      return EnumSet.allOf(Profile.class);
    }
    EnumSet<Profile> out = EnumSet.noneOf(Profile.class);
    for (Profile p : Profile.values()) {
      if (random.nextBoolean()) {
        out.add(p);
      }
    }
    return out.isEmpty() ? EnumSet.of(Profile.PUBLIC) : out;
  }

  /** The policy in a readable form for failure reports. */
  public static String describe(Policy policy) {
    StringBuilder sb = new StringBuilder();
    for (Rule r : policy.rules()) {
      sb.append('#').append(r.index()).append(' ').append(r.text()).append(" on ").append(r.profiles()).append('\n');
    }
    sb.append("default ").append(policy.defaultAction().keyword()).append(", rpc ").append(policy.rpc());
    return sb.toString();
  }
}
