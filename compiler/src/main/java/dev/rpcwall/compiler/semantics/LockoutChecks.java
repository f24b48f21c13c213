package dev.rpcwall.compiler.semantics;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Warnings about policies that can lock the admins out of a host (codes RW1210-RW1212). Every
 * blocked region becomes a Windows Firewall Block rule, and a matching Block rule beats every Allow
 * rule on the host, Windows' built-in ones (Remote Desktop, WinRM) included (windows-semantics.md
 * 2.1 rules 1-2): what the policy blocks cannot be opened again by hand without a rollback.
 */
public final class LockoutChecks {
  /** Ports admins manage hosts through: SSH, Remote Desktop, WinRM over HTTP and HTTPS. */
  private static final Map<Integer, String> MANAGEMENT_PORTS =
      Map.of(22, "SSH", 3389, "Remote Desktop", 5985, "WinRM", 5986, "WinRM over HTTPS");

  /** SMB: a management port when the policy manages it (file shares, remote admin, PsExec). */
  private static final int SMB_PORT = 445;

  private static final int SHOWN_CIDRS = 3;

  /** Above this many profile-restricted allow rules the per-rule check is skipped (cost). */
  private static final int PROFILE_RULE_LIMIT = 2000;

  private LockoutChecks() {}

  public static void check(DecisionMap map, Diagnostics out) {
    profileOnlyAllows(map, out);
    managementBlocked(map, out);
    defaultAllowOnPublic(map, out);
  }

  /**
   * RW1210: an allow rule limited to some profiles whose addresses the policy blocks on the
   * others. A host lands on the private or public profile whenever it does not identify the domain
   * network at boot (windows-semantics.md 2.2), and the Block rules then beat every allow rule.
   */
  private static void profileOnlyAllows(DecisionMap map, Diagnostics out) {
    List<Rule> partial =
        map.policy().rules().stream()
            .filter(r -> r.action() == Action.ALLOW)
            .filter(r -> !r.profiles().isEmpty() && r.profiles().size() < Profile.values().length)
            .toList();
    if (partial.size() > PROFILE_RULE_LIMIT) {
      return;
    }
    for (Rule rule : partial) {
      for (Protocol protocol : Protocol.values()) {
        PortSet ports = rule.ports(protocol);
        if (ports.isEmpty()) {
          continue;
        }
        // Where this rule decides allow, on one of its own profiles.
        List<IpRange> allowedByRule = new ArrayList<>();
        for (Profile profile : rule.profiles()) {
          for (PortSlice s : map.slices(profile, protocol)) {
            if (!s.managed() || !ports.intersects(PortSet.of(s.ports()))) {
              continue;
            }
            for (AddressRegion r : s.regions()) {
              if (r.decision() == Decision.ALLOW && r.rule().map(x -> x.index() == rule.index()).orElse(false)) {
                allowedByRule.add(r.range());
              }
            }
          }
        }
        if (allowedByRule.isEmpty()) {
          continue;
        }
        AddressSet allowed = AddressSet.of(allowedByRule);
        Set<Profile> blockedOn = EnumSet.noneOf(Profile.class);
        int examplePort = -1;
        Optional<Rule> blocker = Optional.empty();
        for (Profile other : Profile.values()) {
          if (rule.appliesTo(other)) {
            continue;
          }
          for (PortSlice s : map.slices(other, protocol)) {
            PortSet here = ports.intersect(PortSet.of(s.ports()));
            if (!s.managed() || here.isEmpty() || !s.blocked().intersects(allowed)) {
              continue;
            }
            blockedOn.add(other);
            if (examplePort < 0) {
              examplePort = here.ranges().get(0).first();
              Ip ip = s.blocked().intersect(allowed).ranges().get(0).first();
              blocker = s.regionOf(ip).rule();
            }
          }
        }
        if (blockedOn.isEmpty()) {
          continue;
        }
        String own = keywords(rule.profiles());
        String others = keywords(blockedOn);
        String by = blocker.map(b -> "the rule at " + line(b.origin())).orElse("the default");
        out.warning(
            Codes.LOCKOUT_PROFILE_ONLY_ALLOW,
            rule.origin(),
            protocol.keyword() + "/" + examplePort + " is allowed from " + cidrs(allowed)
                + " only on " + own + "; on " + others + " the policy blocks it (" + by + "), and"
                + " a Block rule beats every allow rule on the host, Windows' own included: a host"
                + " that does not identify its domain network at boot lands on " + others
                + " and these addresses lose it",
            "if they must reach it everywhere, remove 'on " + own + "' from this rule, or add"
                + " 'allow " + cidrs(allowed) + " to " + protocol.keyword() + " " + examplePort
                + " on " + others + "' above " + by);
      }
    }
  }

  /**
   * RW1211: a management port blocked from every address that may reach the endpoint mapper: the
   * networks that manage the host over RPC lose SSH, Remote Desktop, WinRM or SMB.
   */
  private static void managementBlocked(DecisionMap map, Diagnostics out) {
    PortSet managed = map.managedPorts(Protocol.TCP);
    if (!managed.contains(PolicyChecks.ENDPOINT_MAPPER_PORT)) {
      return;
    }
    Map<Integer, Set<Profile>> findings = new LinkedHashMap<>();
    Map<Integer, AddressSet> admins = new LinkedHashMap<>();
    Map<Integer, Optional<Rule>> blockers = new LinkedHashMap<>();
    List<Integer> ports = new ArrayList<>(MANAGEMENT_PORTS.keySet());
    ports.add(SMB_PORT);
    ports.sort(Integer::compare);
    for (Profile profile : Profile.values()) {
      AddressSet toEpm = map.sliceOf(profile, Protocol.TCP, PolicyChecks.ENDPOINT_MAPPER_PORT).allowed();
      if (toEpm.isEmpty()) {
        continue;
      }
      for (int port : ports) {
        if (!managed.contains(port)) {
          continue;
        }
        PortSlice s = map.sliceOf(profile, Protocol.TCP, port);
        if (s.blocked().containsAll(toEpm)) {
          findings.computeIfAbsent(port, p -> EnumSet.noneOf(Profile.class)).add(profile);
          admins.putIfAbsent(port, toEpm);
          blockers.putIfAbsent(port, s.regionOf(toEpm.ranges().get(0).first()).rule());
        }
      }
    }
    for (Map.Entry<Integer, Set<Profile>> e : findings.entrySet()) {
      int port = e.getKey();
      String what = MANAGEMENT_PORTS.getOrDefault(port, "SMB");
      Optional<Rule> blocker = blockers.get(port);
      SourceSpan at = blocker.map(Rule::origin).orElse(map.policy().defaultOrigin());
      String who = cidrs(admins.get(port));
      out.warning(
          Codes.LOCKOUT_MANAGEMENT_BLOCKED,
          at.isKnown() ? at : map.policy().nameOrigin(),
          "tcp/" + port + " (" + what + ") is blocked from every address that may reach the"
              + " endpoint mapper (" + who + ") on " + keywords(e.getValue()) + ": the networks"
              + " that manage this host over RPC cannot use " + what + ", and no allow rule on the"
              + " host can open it",
          "if they manage the host through " + what + ", add 'allow " + who + " to tcp " + port
              + "' above " + blocker.map(b -> "the rule at " + line(b.origin())).orElse("the default"));
    }
  }

  /**
   * RW1212: {@code default allow} opens managed ports on the public profile (networks Windows
   * does not trust, windows-semantics.md 2.2) to every address no rule names.
   */
  private static void defaultAllowOnPublic(DecisionMap map, Diagnostics out) {
    Policy policy = map.policy();
    if (policy.defaultAction() != Action.ALLOW) {
      return;
    }
    List<String> ports = new ArrayList<>();
    AddressSet open = AddressSet.empty();
    for (Protocol protocol : Protocol.values()) {
      for (PortSlice s : map.slices(Profile.PUBLIC, protocol)) {
        if (!s.managed()) {
          continue;
        }
        List<IpRange> byDefault = new ArrayList<>();
        for (AddressRegion r : s.regions()) {
          if (r.decision() == Decision.ALLOW && r.rule().isEmpty()) {
            byDefault.add(r.range());
          }
        }
        if (!byDefault.isEmpty()) {
          ports.add(protocol.keyword() + "/" + s.ports());
          open = open.union(AddressSet.of(byDefault));
        }
      }
    }
    if (ports.isEmpty()) {
      return;
    }
    String first = ports.get(0);
    String shown = ports.stream().limit(4).collect(Collectors.joining(", "))
        + (ports.size() > 4 ? " and " + (ports.size() - 4) + " more" : "");
    String[] parts = first.split("/", 2);
    out.warning(
        Codes.LOCKOUT_DEFAULT_ALLOW_PUBLIC,
        policy.defaultOrigin().isKnown() ? policy.defaultOrigin() : policy.nameOrigin(),
        "'default allow' opens " + shown + " on the public profile to every address no rule"
            + " names (" + cidrs(open) + "): on an untrusted network these ports are open to"
            + " anyone there",
        "add 'block any to " + parts[0] + " " + parts[1] + " on public' as the last rule, or"
            + " write 'default block'");
  }

  private static String keywords(Set<Profile> profiles) {
    return profiles.stream().sorted().map(Profile::keyword).collect(Collectors.joining(", "));
  }

  private static String line(SourceSpan span) {
    return span.isKnown() ? "line " + span.line() : "an unknown line";
  }

  private static String cidrs(AddressSet set) {
    if (set.equals(AddressSet.all())) {
      return "any";
    }
    List<Cidr> all = set.toCidrs();
    String shown = all.stream().limit(SHOWN_CIDRS).map(Cidr::toString).collect(Collectors.joining(", "));
    return all.size() > SHOWN_CIDRS ? shown + " and " + (all.size() - SHOWN_CIDRS) + " more" : shown;
  }
}
