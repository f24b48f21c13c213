package dev.rpcwall.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.lower.RuleNames;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.EvaluationOptions;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasEvaluator;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.model.WfasVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.TargetId;
import dev.rpcwall.compiler.testing.Boundaries;
import dev.rpcwall.compiler.testing.RandomPolicies;
import dev.rpcwall.compiler.testing.ReferenceEvaluator;
import dev.rpcwall.compiler.testing.Seeded;
import dev.rpcwall.compiler.verify.TranslationCheck;
import dev.rpcwall.emit.netsh.NetshStateFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/**
 * The whole chain for every built-in target: random policy, decision map, lowering, emitted script
 * bytes, the target's reader, the WFAS evaluator, compared with the naive first-match reference on
 * the original policy for every port 0-65535, both protocols, every profile and every boundary
 * address (issue #3 point 8). Failures name the seed ({@link Seeded}) and the policy.
 */
class EndToEndPropertyTest {
  private static final List<Target<ScriptInput, WfasRuleSet>> TARGETS = List.copyOf(Targets.wfas().values());

  // 1. Meaning: read(emit(lower(policy))) decides as the policy
  // ============================================================

  @Test
  void readBack_randomPolicies_decidesAsThePolicyOnEveryPortProfileAndBoundaryAddress() {
    Seeded.check(
        qt ->
            qt.withExamples(100)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      for (Target<ScriptInput, WfasRuleSet> target : TARGETS) {
                        RoundTrip rt = RoundTrip.of(target, policy);
                        meansThePolicy(target.id(), policy, rt.readBack());
                      }
                    }));
  }

  @Test
  void translationCheck_readBackOfRandomPolicies_findsNoMismatch() {
    Seeded.check(
        qt ->
            qt.withExamples(100)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      for (Target<ScriptInput, WfasRuleSet> target : TARGETS) {
                        RoundTrip rt = RoundTrip.of(target, policy);
                        assertThat(TranslationCheck.check(rt.map(), rt.readBack()))
                            .as("%s: translation check of the read-back rules", target.id())
                            .isEmpty();
                      }
                    }));
  }

  /**
   * The read-back rule set against the reference, in three host situations: nothing else on the
   * host and default inbound Block; an allow-any rule on every port (another tool, a built-in
   * rule); default inbound Allow. Decisions can only change where some rule's port set starts or
   * ends, so each port is looked up by its signature (the policy rules and WFAS rules whose ports
   * contain it) and the comparison is made once per signature; every port is still visited.
   */
  static void meansThePolicy(TargetId target, Policy policy, WfasRuleSet back) {
    List<AddressSet> sets = new ArrayList<>();
    for (Rule r : policy.rules()) {
      sets.add(r.addresses());
    }
    for (WfasRule r : back.rules()) {
      sets.add(r.remoteAddresses().addresses());
      sets.add(r.localAddresses().addresses());
      if (AddressLimits.violation(r.remoteAddresses().addresses()).isPresent()) {
        throw new AssertionError(target.keyword() + ": " + r.id() + " has an address list Windows"
            + " refuses: " + AddressLimits.violation(r.remoteAddresses().addresses()).get());
      }
    }
    sets.add(AddressLimits.UNLISTABLE);
    List<Ip> addresses = Boundaries.of(sets);
    EvaluationOptions blockDefault = EvaluationOptions.defaults();
    EvaluationOptions allowDefault = blockDefault;
    for (Profile p : Profile.values()) {
      allowDefault = allowDefault.withDefaultInbound(p, Action.ALLOW);
    }
    Hosts hosts =
        new Hosts(
            WfasEvaluator.of(back),
            WfasEvaluator.of(back, List.of(TranslationCheck.allowAny()), blockDefault),
            WfasEvaluator.of(back, List.of(), allowDefault));
    // A keyword makes a rule's ports depend on more than its port list: no reuse then.
    boolean keywords = back.rules().stream().anyMatch(r -> !r.localPorts().keywords().isEmpty());
    for (Profile profile : Profile.values()) {
      for (Protocol protocol : Protocol.values()) {
        Map<Signature, String> outcomes = new HashMap<>();
        for (int port = 0; port <= PortRange.MAX_PORT; port++) {
          Signature sig =
              new Signature(
                  ReferenceEvaluator.signature(policy, profile, protocol, port),
                  wfasSignature(back, protocol, port),
                  keywords ? port : -1);
          int p = port;
          String problem =
              outcomes.computeIfAbsent(
                  sig, k -> compare(policy, hosts, profile, protocol, p, addresses));
          if (!problem.isEmpty()) {
            throw new AssertionError(
                target.keyword() + ": " + profile.keyword() + " " + protocol.keyword() + " port "
                    + port + " " + problem + "\npolicy:\n" + RandomPolicies.describe(policy)
                    + "\nread back:\n" + describe(back));
          }
        }
      }
    }
  }

  private record Hosts(WfasEvaluator alone, WfasEvaluator allowAny, WfasEvaluator allowDefault) {}

  private record Signature(long reference, BitSet wfas, int port) {}

  /** The read-back rules whose local ports contain {@code port} for {@code protocol}. */
  private static BitSet wfasSignature(WfasRuleSet back, Protocol protocol, int port) {
    BitSet out = new BitSet();
    List<WfasRule> rules = back.rules();
    for (int i = 0; i < rules.size(); i++) {
      WfasRule r = rules.get(i);
      boolean protocolMatches =
          r.protocol() == WfasRule.ANY_PROTOCOL || r.protocol() == protocol.number();
      boolean epmap =
          r.localPorts().keywords().contains(PortKeyword.RPC_EPMAP)
              && protocol == Protocol.TCP
              && port == 135;
      if (protocolMatches && (r.localPorts().any() || r.localPorts().ports().contains(port) || epmap)) {
        out.set(i);
      }
    }
    return out;
  }

  /** Empty when every address agrees at {@code port}, else what went wrong where. */
  private static String compare(
      Policy policy, Hosts hosts, Profile profile, Protocol protocol, int port, List<Ip> addresses) {
    for (Ip address : addresses) {
      Decision expected =
          ReferenceEvaluator.decide(policy, profile, protocol, port, address).decision();
      WfasVerdict alone = hosts.alone().decide(profile, protocol, port, address);
      WfasVerdict allowAny = hosts.allowAny().decide(profile, protocol, port, address);
      WfasVerdict allowDefault = hosts.allowDefault().decide(profile, protocol, port, address);
      String at = "from " + address + ": policy says " + expected.keyword() + ", ";
      if (alone.hostDependent() || allowAny.hostDependent() || allowDefault.hostDependent()) {
        return at + "but a read-back rule depends on the host";
      }
      if (AddressLimits.LOOPBACK.contains(address)) {
        // Windows Firewall does not filter loopback (AddressLimits): passed, no rule decides.
        for (WfasVerdict v : List.of(alone, allowAny, allowDefault)) {
          if (v.decision() != Decision.ALLOW || v.rule().isPresent()) {
            return at + "loopback traffic is filtered" + by(v);
          }
        }
        continue;
      }
      if (!AddressLimits.FILTERED.contains(address)) {
        continue; // '::' cannot be named in an address list (AddressLimits.FILTERED)
      }
      switch (expected) {
        case ALLOW -> {
          if (alone.decision() != Decision.ALLOW) {
            return at + "blocked on a host with default Block and no other rules"
                + by(alone);
          }
        }
        case BLOCK -> {
          if (alone.decision() != Decision.BLOCK) {
            return at + "allowed on a host with no other rules" + by(alone);
          }
          if (allowAny.decision() != Decision.BLOCK) {
            return at + "allowed on a host that also allows everything" + by(allowAny);
          }
          if (allowDefault.decision() != Decision.BLOCK) {
            return at + "allowed on a host with default inbound Allow" + by(allowDefault);
          }
        }
        case UNMANAGED -> {
          if (alone.rule().isPresent()) {
            return at + "an emitted rule matches" + by(alone);
          }
          if (allowDefault.rule().isPresent()) {
            return at + "an emitted rule matches with default Allow" + by(allowDefault);
          }
          if (allowAny.decision() != Decision.ALLOW
              || !allowAny.rule().map(WfasRule::id).equals(Optional.of(TranslationCheck.HOST_ALLOW_ANY))) {
            return at + "the host's allow-any rule does not decide" + by(allowAny);
          }
        }
      }
    }
    return "";
  }

  private static String by(WfasVerdict v) {
    return " (Windows Firewall: " + v.decision().keyword()
        + v.rule().map(r -> " by rule " + r.id()).orElse(" by the profile default") + ")";
  }

  private static String describe(WfasRuleSet set) {
    StringBuilder b = new StringBuilder();
    for (WfasRule r : set.rules()) {
      b.append("  ").append(r.id()).append(' ').append(r.action()).append(" proto ")
          .append(r.protocol()).append(" ports ").append(r.localPorts().ports())
          .append(" from ").append(r.remoteAddresses().any() ? "any" : r.remoteAddresses().addresses())
          .append(" profiles ").append(r.profiles()).append('\n');
    }
    return b.toString();
  }

  // 2. Determinism and a faithful reader
  // ====================================

  @Test
  void emit_randomPolicies_sameBytesTwiceAndReadsBackAsTheLoweredRules() {
    Seeded.check(
        qt ->
            qt.withExamples(100)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      for (Target<ScriptInput, WfasRuleSet> target : TARGETS) {
                        RoundTrip rt = RoundTrip.of(target, policy);
                        List<EmittedFile> again = target.emitter().emit(rt.input());
                        for (int i = 0; i < again.size(); i++) {
                          assertThat(again.get(i).name()).isEqualTo(rt.files().get(i).name());
                          assertThat(again.get(i).bytes())
                              .as("%s: %s emitted twice", target.id(), again.get(i).name())
                              .isEqualTo(rt.files().get(i).bytes());
                        }
                        assertThat(RoundTrip.carried(target.id(), rt.readBack()))
                            .as("%s: rules read back from %s", target.id(), rt.apply().name())
                            // Rule order means nothing to WFAS; the netsh script adds block rules first.
                            .containsExactlyInAnyOrderElementsOf(RoundTrip.carried(target.id(), rt.lowered()));
                        assertThat(RoundTrip.bare(rt.readBack().rpc()))
                            .as("%s: RPC settings read back", target.id())
                            .isEqualTo(RoundTrip.bare(rt.lowered().rpc()));
                      }
                    }));
  }

  // 3. Rollback
  // ===========

  /**
   * A rollback script read on its own starts from an empty host, so it reads as no rules whatever it
   * deletes. The honest check puts the host in the state the apply script leaves (its rule-adding
   * commands, spliced in front of the rollback's removals, and for netsh the state files it writes,
   * whose names the rollback deletes) plus rules of other owners, and reads that: the policy's rules
   * must all be gone and the others all kept.
   */
  @Test
  void rollback_randomPolicies_removesExactlyTheRulesTheApplyScriptAdds() {
    Seeded.check(
        qt ->
            qt.withExamples(60)
                .forAll(RandomPolicies.policies())
                .checkAssert(
                    policy -> {
                      for (Target<ScriptInput, WfasRuleSet> target : TARGETS) {
                        RoundTrip rt = RoundTrip.of(target, policy);
                        WfasRuleSet alone = RoundTrip.read(target, rt.rollback());
                        assertThat(alone.rules()).as("%s: rollback read alone", target.id()).isEmpty();
                        assertThat(alone.rpc().isEmpty()).as("%s: rollback sets no RPC values", target.id()).isTrue();
                        String host = afterApplyThenRollback(target.id(), rt);
                        WfasRuleSet left = RoundTrip.read(target, "apply-then-rollback", host);
                        assertThat(left.rules().stream().map(WfasRule::displayName))
                            .as("%s: rules left after the rollback", target.id())
                            .containsExactlyInAnyOrderElementsOf(Decoys.names(rt));
                        assertThat(removedByRollback(target.id(), rt))
                            .as("%s: what the rollback removes", target.id())
                            .isEqualTo(ownedByApply(target.id(), rt));
                        if (target.id() == TargetId.POWERSHELL) {
                          assertThat(groupsIn(RoundTrip.decode(rt.apply()), PS_MOVE_ASIDE))
                              .as("what a re-run of the apply script replaces")
                              .isEqualTo(ownedByApply(target.id(), rt));
                        }
                      }
                    }));
  }

  /**
   * The names (netsh) or groups (PowerShell) the read-back apply script creates rules in; for
   * PowerShell also the policy's group itself, which is known from the policy name even when the
   * policy lowers to no rules (a re-run must still remove what an earlier version created).
   */
  private static Set<String> ownedByApply(TargetId target, RoundTrip rt) {
    Set<String> out = new LinkedHashSet<>();
    if (target == TargetId.POWERSHELL) {
      out.add(RuleNames.group(rt.policy().name()));
    }
    for (WfasRule r : rt.readBack().rules()) {
      out.add(target == TargetId.NETSH ? r.displayName() : r.group().orElse("<no group>"));
      if (target == TargetId.NETSH && r.action() == RuleAction.BLOCK) {
        // The netsh apply script adds block rules under a temporary name first
        // (docs/targets/netsh.md, "Re-apply order"); a rollback removes what a failed run left.
        out.add(r.displayName().replaceFirst("^(rpcwall/[^/]*)/", "$1~new/"));
      }
    }
    return out;
  }

  private static final Pattern NETSH_DELETE =
      Pattern.compile("^netsh advfirewall firewall delete rule name=\"([^\"]*)\"", Pattern.MULTILINE);
  private static final Pattern PS_REMOVE =
      Pattern.compile("Get-NetFirewallRule -Group '((?:[^']|'')*)'[^\\r\\n]*\\| Remove-NetFirewallRule");

  private static final Pattern PS_MOVE_ASIDE =
      Pattern.compile("Move-RpcwallRulesAside -Group '((?:[^']|'')*)'");

  private static Set<String> groupsIn(String text, Pattern pattern) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(1).replace("''", "'"));
    }
    return out;
  }

  /** The rule names (netsh) or groups (PowerShell) the rollback script removes, from its text. */
  private static Set<String> removedByRollback(TargetId target, RoundTrip rt) {
    String text = RoundTrip.decode(rt.rollback());
    Set<String> out = new LinkedHashSet<>();
    Matcher m = (target == TargetId.NETSH ? NETSH_DELETE : PS_REMOVE).matcher(text);
    while (m.find()) {
      out.add(
          target == TargetId.NETSH
              ? m.group(1).replace("%%", "%")
              : m.group(1).replace("''", "'"));
    }
    return out;
  }

  /** The rollback script with the apply script's rules, and other owners' rules, created first. */
  private static String afterApplyThenRollback(TargetId target, RoundTrip rt) {
    String apply = RoundTrip.decode(rt.apply());
    String rollback = RoundTrip.decode(rt.rollback());
    String nl = "\r\n";
    List<String> creates = new ArrayList<>();
    String[] lines = apply.split(nl, -1);
    if (target == TargetId.NETSH) {
      for (String line : lines) {
        if (line.startsWith("netsh advfirewall firewall add rule ")) {
          creates.add(line);
        }
      }
      creates.addAll(Decoys.netsh(rt));
      // The names the apply script recorded, deleted by the rollback's loops over the state files.
      NetshStateFiles state = new NetshStateFiles();
      state.run(apply);
      assertThat(state.listed()).as("names the netsh apply script records").hasSize(rt.lowered().rules().size());
      rollback = state.expand(rollback);
      // Right after the banner the rollback echoes, before anything it removes.
      int echo = rollback.indexOf("echo rpcwall: rolling back policy ");
      assertThat(echo).as("the netsh rollback's banner").isGreaterThanOrEqualTo(0);
      int at = rollback.indexOf(nl, echo) + nl.length();
      return rollback.substring(0, at) + String.join(nl, creates) + nl + rollback.substring(at);
    }
    // One New-NetFirewallRule call per rule, continued with backticks up to its last parameter.
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].strip().startsWith("$null = New-NetFirewallRule ")) {
        int j = i;
        while (lines[j].endsWith(" `")) {
          j++;
        }
        for (int k = i; k <= j; k++) {
          creates.add(lines[k].strip());
        }
        i = j;
      }
    }
    creates.addAll(Decoys.powershell(rt));
    // Right after the preamble (it ends once the store or GPO session is chosen), before anything
    // the rollback removes.
    String end = "    $RpcwallStore = @{ GPOSession = $RpcwallGpo }" + nl + "}";
    int stop = rollback.indexOf(end);
    assertThat(stop).as("the PowerShell rollback's preamble").isGreaterThanOrEqualTo(0);
    int at = rollback.indexOf(nl, stop + end.length() - 1) + nl.length();
    return rollback.substring(0, at) + String.join(nl, creates) + nl + rollback.substring(at);
  }

  /** Rules of other owners whose names or groups resemble the policy's; no rollback may touch them. */
  private static final class Decoys {
    private Decoys() {}

    /** Display names: one of another tool, one like another policy's, one like this policy's. */
    static List<String> names(RoundTrip rt) {
      String lookAlike =
          rt.lowered().rules().isEmpty()
              ? "look-alike"
              // Starts like one of the policy's names: deletion is by exact name only.
              : rt.lowered().rules().get(0).displayName() + " copy";
      return List.of("other tool rule", "rpcwall/other/allow-tcp-135", lookAlike);
    }

    static List<String> netsh(RoundTrip rt) {
      List<String> out = new ArrayList<>();
      for (String n : names(rt)) {
        out.add("netsh advfirewall firewall add rule name=\"" + n.replace("%", "%%")
            + "\" dir=in action=allow protocol=tcp localport=135 remoteip=any profile=any enable=yes");
      }
      return out;
    }

    static List<String> powershell(RoundTrip rt) {
      String group = rt.lowered().rules().isEmpty()
          ? "rpcwall: other"
          : rt.lowered().rules().get(0).group().orElseThrow();
      List<String> groups = List.of("another group", group + " copy", "rpcwall: other");
      List<String> out = new ArrayList<>();
      List<String> names = names(rt);
      for (int i = 0; i < names.size(); i++) {
        out.add("$null = New-NetFirewallRule -Name 'decoy-" + i + "' -DisplayName '"
            + names.get(i).replace("'", "''") + "' -Group '" + groups.get(i).replace("'", "''")
            + "' -Direction Inbound -Action Allow -Protocol TCP -LocalPort '135'"
            + " -RemoteAddress Any -Profile Any -PolicyStore $PolicyStore");
      }
      return out;
    }
  }

  // 4. Names and descriptions from the policy
  // =========================================

  /**
   * Policy names, descriptions and rule texts (which become rule descriptions) made of the
   * characters that end strings or start commands in cmd.exe and PowerShell. Each compile either
   * fails with an RW2xxx error and writes nothing, or every name, group and description reads back
   * exactly as lowered. Text free of the characters a dialect documents as unsafe must compile.
   */
  @Test
  void compile_randomUnicodeTexts_rejectedWithTargetErrorOrReadBackIdentical() {
    Seeded.check(
        qt ->
            qt.withExamples(400)
                .forAll(hostileTextPolicies())
                .checkAssert(
                    policy -> {
                      for (Target<ScriptInput, WfasRuleSet> target : TARGETS) {
                        textsSurvive(target, policy);
                      }
                    }));
  }

  private static void textsSurvive(Target<ScriptInput, WfasRuleSet> target, Policy policy) {
    DecisionMap map = DecisionMap.of(policy);
    byte[] source = policy.name().getBytes(StandardCharsets.UTF_8);
    Compilation.Output out =
        Compilation.compile(
            map, source, Set.of(target.id()), Compilation.Options.defaults());
    String what = target.id().keyword() + " " + show(policy);
    if (out.hasErrors()) {
      assertThat(out.files()).as("files of a failed compile, %s", what).isEmpty();
      List<Diagnostic> errors =
          out.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).toList();
      assertThat(errors)
          .as("errors of %s", what)
          .allSatisfy(d -> assertThat(d.code()).startsWith("RW2"));
      assertThat(mustCompile(target.id(), policy))
          .as("%s was rejected (%s) but has no character the dialect cannot carry", what, errors)
          .isFalse();
      return;
    }
    assertThat(out.verificationProblems()).as("verification of %s", what).isEmpty();
    assertThat(out.files()).as("files of %s", what).hasSize(2);
    WfasRuleSet lowered = WfasLowering.lower(map);
    WfasRuleSet back = RoundTrip.read(target, out.files().get(0));
    assertThat(back.rules()).as("rules of %s", what).hasSameSizeAs(lowered.rules());
    // Rule order means nothing to WFAS; the netsh script adds block rules first.
    List<WfasRule> wanted = lowered.rules().stream()
        .sorted(java.util.Comparator.comparing(WfasRule::id)).toList();
    List<WfasRule> gotten = back.rules().stream()
        .sorted(java.util.Comparator.comparing(WfasRule::id)).toList();
    for (int i = 0; i < wanted.size(); i++) {
      WfasRule want = RoundTrip.carried(target.id(), wanted.get(i));
      WfasRule got = RoundTrip.carried(target.id(), gotten.get(i));
      assertThat(got.id()).as("rule ID, %s", what).isEqualTo(want.id());
      assertThat(got.displayName()).as("display name, %s", what).isEqualTo(want.displayName());
      assertThat(got.group()).as("group, %s", what).isEqualTo(want.group());
      assertThat(got.description()).as("description, %s", what).isEqualTo(want.description());
    }
  }

  /**
   * True when no text of {@code policy} has a character the dialect documents as unsafe: for netsh
   * (windows-semantics.md 1.6) anything but printable ASCII, {@code "}, a trailing backslash, a
   * padded or empty name; for PowerShell (4.7) control characters, line and paragraph separators,
   * bidirectional embeddings, overrides and isolates, and unpaired surrogates, and in the policy
   * name (which makes the rule group) the wildcard characters {@code * ? [ ]} and backtick. Both
   * refuse {@code |} (MS-FASP 2.2.37) and the name {@code all}.
   */
  private static boolean mustCompile(TargetId target, Policy policy) {
    List<String> texts = new ArrayList<>();
    texts.add(policy.name());
    policy.description().ifPresent(texts::add);
    if (policy.name().strip().equalsIgnoreCase("all")) {
      return false;
    }
    if (target == TargetId.NETSH
        && (policy.name().isEmpty() || !policy.name().strip().equals(policy.name()))) {
      return false;
    }
    if (target == TargetId.POWERSHELL
        && policy.name().chars().anyMatch(c -> "*?[]`".indexOf(c) >= 0)) {
      return false;
    }
    for (Rule r : policy.rules()) {
      // Lowering folds white space and '|' in rule texts, which become descriptions. It also
      // strips the ends, but only after appending the line number, so nothing is stripped here.
      texts.add(r.text().replaceAll("\\s+", " ").replace('|', '/'));
    }
    for (String t : texts) {
      if (t.indexOf('|') >= 0) {
        return false;
      }
      if (target == TargetId.NETSH) {
        if (t.endsWith("\\")) {
          return false;
        }
        for (int i = 0; i < t.length(); i++) {
          char c = t.charAt(i);
          if (c < 0x20 || c > 0x7e || c == '"') {
            return false;
          }
        }
      } else {
        for (int i = 0; i < t.length(); i++) {
          char c = t.charAt(i);
          boolean pair =
              Character.isHighSurrogate(c)
                  && i + 1 < t.length()
                  && Character.isLowSurrogate(t.charAt(i + 1));
          if (pair) {
            i++;
            continue;
          }
          if (Character.isSurrogate(c)
              || Character.isISOControl(c)
              || c == '\u2028'
              || c == '\u2029'
              || (c >= '\u202A' && c <= '\u202E')
              || (c >= '\u2066' && c <= '\u2069')) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Pieces that end strings or start commands in cmd.exe or PowerShell, and plain text. */
  private static final String[] PIECES = {
    "\"", "'", "\u2019", "\u2018", "\u201C", "\u201D", "%", "%PATH%", "%1", "^", "&", "&&", "|",
    "<", ">", "(", ")", "!", "!x!", "$", "$env:PATH", "$(Get-Date)", "${x}", "`", "`n", "`$",
    "\\", "\\\"", "\n", "\r\n", "\r", "\t", "\u200F", "\u200E", "\u202E", "\u2066", "\u2028",
    "\uD83D\uDE00", "\uD834\uDD1E", "\uD800", "\u00A0", "\u00E9", "\u00DF", "\u4E2D", "*", "?",
    "[", "]", "@", "#", ";", ",", "=", "-", "/", ":", "{", "}", "~", " ", " ", " ", "a", "Rpc",
    "admins", "0", "42", "all", "rem", "exit", "goto", "@echo off"
  };

  private static String hostile(Random random, int maxPieces, boolean mayBeEmpty) {
    StringBuilder b = new StringBuilder();
    int n = (mayBeEmpty ? 0 : 1) + random.nextInt(maxPieces);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  /** Random policies whose name, description and rule texts are hostile text. */
  private static Gen<Policy> hostileTextPolicies() {
    return SourceDSL.longs()
        .all()
        .map(
            seed -> {
              Random random = new Random(seed);
              Policy base = RandomPolicies.policy(random);
              // Now and then a text with only safe characters, so acceptance is exercised too.
              boolean tame = random.nextInt(4) == 0;
              String name = tame ? "Policy " + random.nextInt(1000) : hostile(random, 8, false);
              Optional<String> description =
                  random.nextBoolean()
                      ? Optional.of(tame ? "RPC from admins" : hostile(random, 12, true))
                      : Optional.empty();
              List<Rule> rules = new ArrayList<>();
              for (Rule r : base.rules()) {
                String text = tame || random.nextBoolean() ? r.text() : hostile(random, 10, false);
                rules.add(
                    new Rule(r.index(), r.action(), r.addresses(), r.tcp(), r.udp(), r.profiles(),
                        r.origin(), text));
              }
              return new Policy(
                  name,
                  SourceSpan.at("hostile.rpcwall", 1, 8, Math.max(1, name.length())),
                  description,
                  SourceSpan.at("hostile.rpcwall", 2, 13, 5),
                  rules,
                  base.defaultAction(),
                  base.defaultOrigin(),
                  base.rpc(),
                  "hostile.rpcwall");
            })
        .describedAs(EndToEndPropertyTest::show);
  }

  /** The texts of a policy with every character outside printable ASCII spelled as U+XXXX. */
  private static String show(Policy policy) {
    StringBuilder b = new StringBuilder("name ").append(escape(policy.name()));
    policy.description().ifPresent(d -> b.append(", description ").append(escape(d)));
    for (Rule r : policy.rules()) {
      b.append(", rule #").append(r.index()).append(' ').append(escape(r.text()));
    }
    return b.toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            cp -> {
              if (cp >= 0x20 && cp < 0x7f) {
                b.appendCodePoint(cp);
              } else {
                b.append(String.format("\\u{%04X}", cp));
              }
            });
    return b.append('"').toString();
  }
}
