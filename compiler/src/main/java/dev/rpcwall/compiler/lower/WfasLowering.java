package dev.rpcwall.compiler.lower;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressRegion;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.PortSlice;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lowers a policy's decision function to Windows Firewall rules (issue #3 point 2).
 *
 * <p>Allowed regions become Allow rules and blocked regions, the default's share included, become
 * Block rules: a Block rule beats every Allow rule on the host (windows-semantics.md 2.1 rule 2),
 * so the policy's blocks hold even when other tools or built-in rules allow the same ports, and
 * nothing relies on the default inbound action. The rule order of the policy no longer matters
 * because the regions are already disjoint: no allowed address is matched by any Block rule.
 * Ports outside the managed space get no rule at all.
 *
 * <p>Address lists leave out what Windows refuses or does not filter ({@link
 * AddressLimits#listable}): loopback traffic is not filtered, and {@code ::}/{@code ::1} are
 * refused in IPv6 lists (MS-FASP 2.2.10, 2.2.37). A set that covers every filtered address is
 * written {@code any}; a set of only such addresses gets no rule.
 *
 * <p>Rules are grouped for readability: ports whose allowed (or blocked) address set is the same
 * share one rule, and profiles that decide alike share one rule (all three: no profile condition).
 */
public final class WfasLowering {
  private static final int MAX_DESCRIPTION = 200;

  private WfasLowering() {}

  public static WfasRuleSet lower(DecisionMap map) {
    return lower(map, LoweringOptions.defaults());
  }

  public static WfasRuleSet lower(DecisionMap map, LoweringOptions opts) {
    Policy policy = map.policy();
    String prefix = RuleNames.policyPrefix(policy.name());
    String group = RuleNames.group(policy.name());
    List<Built> built = new ArrayList<>();
    Map<List<AddressRegion>, AddressSet[]> sliceSets = new IdentityHashMap<>();
    for (Protocol protocol : Protocol.values()) {
      Map<GroupKey, EnumMap<Profile, List<Piece>>> groups = new LinkedHashMap<>();
      for (Profile profile : Profile.values()) {
        for (PortSlice slice : map.slices(profile, protocol)) {
          if (!slice.managed()) {
            continue;
          }
          // Slices of several profiles share one region list (DecisionMap); derive its sets once.
          AddressSet[] sets =
              sliceSets.computeIfAbsent(
                  slice.regions(),
                  r ->
                      new AddressSet[] {
                        AddressLimits.listable(slice.allowed()),
                        AddressLimits.listable(slice.blocked())
                      });
          addPiece(groups, RuleAction.ALLOW, sets[0], profile, slice, Decision.ALLOW);
          addPiece(groups, RuleAction.BLOCK, sets[1], profile, slice, Decision.BLOCK);
        }
      }
      for (Map.Entry<GroupKey, EnumMap<Profile, List<Piece>>> e : groups.entrySet()) {
        lowerGroup(policy, prefix, group, protocol, e.getKey(), e.getValue(), opts, built);
      }
    }
    built.sort(ORDER);
    Set<String> names = new HashSet<>();
    List<WfasRule> rules = new ArrayList<>(built.size());
    for (Built b : built) {
      if (!names.add(b.rule.id())) {
        throw new IllegalStateException("duplicate lowered rule name " + b.rule.id());
      }
      rules.add(b.rule);
    }
    return new WfasRuleSet(rules, policy.rpc());
  }

  private static void addPiece(
      Map<GroupKey, EnumMap<Profile, List<Piece>>> groups,
      RuleAction action,
      AddressSet addresses,
      Profile profile,
      PortSlice slice,
      Decision decision) {
    if (addresses.isEmpty()) {
      return;
    }
    Optional<Rule> first = slice.firstRule(decision);
    groups
        .computeIfAbsent(new GroupKey(action, addresses), k -> new EnumMap<>(Profile.class))
        .computeIfAbsent(profile, k -> new ArrayList<>())
        .add(new Piece(slice.ports(), first, slice.regions(), decision));
  }

  private static void lowerGroup(
      Policy policy,
      String prefix,
      String group,
      Protocol protocol,
      GroupKey key,
      EnumMap<Profile, List<Piece>> byProfile,
      LoweringOptions opts,
      List<Built> out) {
    EnumMap<Profile, PortSet> ports = new EnumMap<>(Profile.class);
    for (Profile p : Profile.values()) {
      List<Piece> pieces = byProfile.getOrDefault(p, List.of());
      ports.put(p, PortSet.of(pieces.stream().map(Piece::ports).toList()));
    }
    // Each port goes to the rule for exactly the set of profiles in which it has these addresses.
    for (int mask = 1; mask < (1 << Profile.values().length); mask++) {
      PortSet shared = PortSet.all();
      EnumSet<Profile> profiles = EnumSet.noneOf(Profile.class);
      for (Profile p : Profile.values()) {
        if ((mask & (1 << p.ordinal())) != 0) {
          shared = shared.intersect(ports.get(p));
          profiles.add(p);
        } else {
          shared = shared.minus(ports.get(p));
        }
      }
      if (shared.isEmpty()) {
        continue;
      }
      Optional<Rule> origin = firstRule(byProfile, profiles, shared);
      boolean allProfiles = profiles.size() == Profile.values().length;
      List<AddressSet> parts = chunkAddresses(key.addresses, opts);
      Map<List<AddressRegion>, List<Deciders>> byList = new IdentityHashMap<>();
      for (PortSet chunk : chunkPorts(shared, opts)) {
        for (int i = 0; i < parts.size(); i++) {
          String name =
              prefix
                  + key.action.name().toLowerCase(java.util.Locale.ROOT)
                  + "-"
                  + protocol.keyword()
                  + "-"
                  + RuleNames.portLabel(
                      chunk.toString(),
                      chunk.ranges().get(0).first(),
                      chunk.ranges().get(chunk.ranges().size() - 1).last())
                  + (allProfiles
                      ? ""
                      : "/"
                          + profiles.stream().map(Profile::keyword).collect(Collectors.joining(",")))
                  + (parts.size() > 1 ? "/part-" + (i + 1) : "");
          AddressSet addresses = parts.get(i);
          WfasRule rule =
              new WfasRule(
                  name,
                  name,
                  Optional.of(group),
                  Optional.of(
                      description(
                          policy,
                          key.action,
                          deciders(byProfile, profiles, chunk, parts, i, byList))),
                  Direction.IN,
                  key.action,
                  protocol.number(),
                  PortCondition.of(chunk),
                  PortCondition.ANY,
                  AddressCondition.ANY,
                  addresses.equals(AddressSet.all())
                      ? AddressCondition.ANY
                      : AddressCondition.of(addresses),
                  allProfiles ? Set.of() : profiles,
                  true,
                  Optional.empty(),
                  Optional.empty(),
                  origin.map(Rule::origin).orElse(policy.defaultOrigin()));
          out.add(new Built(rule, protocol, key.action, chunk.ranges().get(0).first(), mask, i));
        }
      }
    }
  }

  /** The policy rule with the lowest index that decided any of these ports in these profiles. */
  private static Optional<Rule> firstRule(
      EnumMap<Profile, List<Piece>> byProfile, Set<Profile> profiles, PortSet ports) {
    Optional<Rule> first = Optional.empty();
    for (Profile p : profiles) {
      for (Piece piece : byProfile.getOrDefault(p, List.of())) {
        if (piece.rule.isPresent()
            && ports.intersects(PortSet.of(piece.ports))
            && (first.isEmpty() || piece.rule.get().index() < first.get().index())) {
          first = piece.rule;
        }
      }
    }
    return first;
  }

  /**
   * The policy rules (and the default) that decide some flow of one lowered rule: its ports
   * {@code chunk}, address part {@code part} and profiles. They come from the same regions of the
   * decision map that {@code rpcwall explain} reads (each region keeps its deciding rule), so the
   * description names exactly the rules explain names for the flows the lowered rule matches
   * (issue 12 point 4).
   */
  private static Deciders deciders(
      EnumMap<Profile, List<Piece>> byProfile,
      Set<Profile> profiles,
      PortSet chunk,
      List<AddressSet> parts,
      int part,
      Map<List<AddressRegion>, List<Deciders>> byList) {
    Deciders out = new Deciders();
    for (Profile p : profiles) {
      for (Piece piece : byProfile.getOrDefault(p, List.of())) {
        if (chunk.intersects(PortSet.of(piece.ports))) {
          out.add(byList.computeIfAbsent(piece.regions, r -> perPart(r, piece.decision, parts)).get(part));
        }
      }
    }
    return out;
  }

  /** For each address part, the deciders of the regions of {@code decision} that overlap it. */
  private static List<Deciders> perPart(
      List<AddressRegion> regions, Decision decision, List<AddressSet> parts) {
    List<Deciders> out = new ArrayList<>(parts.size());
    List<List<IpRange>> ranges = new ArrayList<>(parts.size());
    for (AddressSet part : parts) {
      out.add(new Deciders());
      ranges.add(part.ranges());
    }
    for (int i = 0; i < regions.size(); i++) {
      AddressRegion region = regions.get(i);
      if (region.decision() != decision) {
        continue;
      }
      IpRange r = region.range();
      // Parts are consecutive runs of one sorted range list: the last part starting at or before
      // the region's end, and the ones before it while they reach into the region.
      int k = lastStartingBy(ranges, r.last());
      for (; k >= 0; k--) {
        List<IpRange> pr = ranges.get(k);
        if (pr.isEmpty() || pr.get(pr.size() - 1).last().compareTo(r.first()) < 0) {
          break;
        }
        if (overlaps(pr, r)) {
          out.get(k).add(region.rule());
        }
      }
    }
    return out;
  }

  private static int lastStartingBy(List<List<IpRange>> parts, dev.rpcwall.compiler.semantics.Ip ip) {
    int lo = 0;
    int hi = parts.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      List<IpRange> pr = parts.get(mid);
      if (!pr.isEmpty() && pr.get(0).first().compareTo(ip) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Whether the sorted, disjoint {@code ranges} meet {@code r}. */
  private static boolean overlaps(List<IpRange> ranges, IpRange r) {
    int lo = 0;
    int hi = ranges.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (ranges.get(mid).first().compareTo(r.last()) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && ranges.get(found).last().compareTo(r.first()) >= 0;
  }

  /** Rules by their index, and whether the default decides a part too. */
  private static final class Deciders {
    final java.util.TreeMap<Integer, Rule> rules = new java.util.TreeMap<>();
    boolean byDefault;

    void add(Optional<Rule> rule) {
      if (rule.isPresent()) {
        rules.put(rule.get().index(), rule.get());
      } else {
        byDefault = true;
      }
    }

    void add(Deciders other) {
      rules.putAll(other.rules);
      byDefault |= other.byDefault;
    }
  }

  /** At most this many deciding rules are named; the rest are counted. */
  private static final int MAX_NAMED = 8;

  private static String description(Policy policy, RuleAction action, Deciders deciders) {
    List<String> named = new ArrayList<>();
    for (Rule r : deciders.rules.values()) {
      named.add(oneLine(r.text() + lineSuffix(r.origin())));
    }
    if (deciders.byDefault || named.isEmpty()) {
      named.add(oneLine("default " + policy.defaultAction().keyword() + lineSuffix(policy.defaultOrigin())));
    }
    String text;
    if (named.size() > MAX_NAMED) {
      text = String.join("; ", named.subList(0, MAX_NAMED)) + "; and " + (named.size() - MAX_NAMED)
          + " more";
    } else {
      text = String.join("; ", named);
    }
    return action == RuleAction.ALLOW ? "Allowed by " + text : "Blocked by " + text;
  }

  /** One line, no '|' (MS-FASP 2.2.37 forbids it in descriptions), bounded length. */
  private static String oneLine(String text) {
    text = text.replaceAll("\\s+", " ").replace('|', '/').replace(';', ',').strip();
    if (text.length() > MAX_DESCRIPTION) {
      text = text.substring(0, MAX_DESCRIPTION - 3) + "...";
    }
    return text;
  }

  private static String lineSuffix(SourceSpan span) {
    return span.isKnown() ? " (line " + span.line() + ")" : "";
  }

  /** Splits a port set into lists within the entry and character limits, in ascending order. */
  static List<PortSet> chunkPorts(PortSet ports, LoweringOptions opts) {
    List<PortSet> out = new ArrayList<>();
    List<PortRange> current = new ArrayList<>();
    int chars = 0;
    for (PortRange r : ports.ranges()) {
      int len = r.toString().length();
      int needed = current.isEmpty() ? len : chars + 1 + len;
      if (!current.isEmpty()
          && (current.size() >= opts.maxPortEntries() || needed > opts.maxPortChars())) {
        out.add(PortSet.of(current));
        current = new ArrayList<>();
        needed = len;
      }
      current.add(r);
      chars = needed;
    }
    if (!current.isEmpty()) {
      out.add(PortSet.of(current));
    }
    return out;
  }

  /** Splits an address set into lists within the entry and character limits, in ascending order. */
  static List<AddressSet> chunkAddresses(AddressSet addresses, LoweringOptions opts) {
    List<IpRange> ranges = addresses.ranges();
    if (addresses.equals(AddressSet.all())) {
      return List.of(addresses);
    }
    List<AddressSet> out = new ArrayList<>();
    List<IpRange> current = new ArrayList<>();
    int chars = 0;
    for (IpRange r : ranges) {
      int len = opts.addressLength().applyAsInt(r);
      int needed = current.isEmpty() ? len : chars + 1 + len;
      if (!current.isEmpty()
          && (current.size() >= opts.maxAddressEntries() || needed > opts.maxAddressChars())) {
        out.add(AddressSet.of(current));
        current = new ArrayList<>();
        needed = len;
      }
      current.add(r);
      chars = needed;
    }
    if (!current.isEmpty()) {
      out.add(AddressSet.of(current));
    }
    return out;
  }

  private static final Comparator<Built> ORDER =
      Comparator.<Built>comparingInt(b -> b.protocol.ordinal())
          .thenComparingInt(b -> b.firstPort)
          .thenComparingInt(b -> b.action.ordinal())
          .thenComparingInt(b -> b.profileMask)
          .thenComparingInt(b -> b.part)
          .thenComparing(b -> b.rule.id());

  private record GroupKey(RuleAction action, AddressSet addresses) {}

  private record Piece(
      PortRange ports, Optional<Rule> rule, List<AddressRegion> regions, Decision decision) {}

  private record Built(
      WfasRule rule, Protocol protocol, RuleAction action, int firstPort, int profileMask, int part) {}
}
