package dev.rpcwall.emit.netsh;

import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.model.AddressCondition;
import dev.rpcwall.compiler.model.Direction;
import dev.rpcwall.compiler.model.PortCondition;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceFile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.compiler.target.EmittedFile;
import dev.rpcwall.compiler.target.ScriptInput;
import dev.rpcwall.compiler.target.Slug;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Hand-built policies, rule sets and script inputs for the netsh tests. */
final class NetshFixtures {
  static final SourceSpan NAME_AT = SourceSpan.at("p.rpcwall", 1, 8, 10);
  static final SourceSpan DESCRIPTION_AT = SourceSpan.at("p.rpcwall", 2, 13, 10);
  static final SourceSpan RULE_AT = SourceSpan.at("p.rpcwall", 7, 1, 30);

  private NetshFixtures() {}

  static Policy policy(String name, Optional<String> description, RpcSettings rpc) {
    return new Policy(
        name, NAME_AT, description, DESCRIPTION_AT, List.of(), Action.BLOCK, SourceSpan.UNKNOWN,
        rpc, "policies/p.rpcwall");
  }

  static WfasRule rule(
      String name,
      RuleAction action,
      int protocol,
      PortSet ports,
      AddressCondition remote,
      Set<Profile> profiles,
      Optional<String> description) {
    return new WfasRule(
        name, name, Optional.of("G"), description, Direction.IN, action, protocol,
        PortCondition.of(ports), PortCondition.ANY, AddressCondition.ANY, remote, profiles, true,
        Optional.empty(), Optional.empty(), RULE_AT);
  }

  static AddressCondition remote(String literals) {
    return AddressCondition.of(addrs(literals));
  }

  /** The union of comma-separated policy address literals. */
  static AddressSet addrs(String literals) {
    AddressSet out = AddressSet.empty();
    for (String l : literals.split(",")) {
      var parsed = (dev.rpcwall.compiler.model.AddressEntries.Ok)
          dev.rpcwall.compiler.model.AddressEntries.parse(l.strip());
      out = out.union(parsed.set());
    }
    return out;
  }

  static RpcSettings rpc(PortSet dynamic, boolean wmi) {
    return new RpcSettings(
        Optional.ofNullable(dynamic), SourceSpan.at("p.rpcwall", 4, 3, 20),
        wmi ? OptionalInt.of(24158) : OptionalInt.empty(), SourceSpan.at("p.rpcwall", 5, 3, 20));
  }

  /** The classic recipe for the policy "Block RPC Ports". */
  static WfasRuleSet classic() {
    return classic("Block RPC Ports");
  }

  /** The name lowering gives a rule of the policy {@code policyName}: its prefix, then {@code rest}. */
  static String name(String policyName, String rest) {
    return "rpcwall/" + Slug.of(policyName) + "/" + rest;
  }

  /** The classic recipe: 135 and 5001-5021 from the admin subnet, blocked for everyone else. */
  static WfasRuleSet classic(String policyName) {
    PortSet ports = PortSet.of(List.of(
        dev.rpcwall.compiler.semantics.PortRange.of(135),
        dev.rpcwall.compiler.semantics.PortRange.of(5001, 5021)));
    AddressSet admins = addrs("10.1.1.0/24");
    return new WfasRuleSet(
        List.of(
            rule(name(policyName, "allow-tcp-135,5001-5021"), RuleAction.ALLOW, 6, ports,
                AddressCondition.of(admins), Set.of(), Optional.of("RPC only from the admin subnet")),
            rule(name(policyName, "block-tcp-135,5001-5021"), RuleAction.BLOCK, 6, ports,
                AddressCondition.of(dev.rpcwall.compiler.model.AddressLimits.listable(admins.complement())), Set.of(), Optional.empty())),
        rpc(PortSet.of(5001, 5021), true));
  }

  static ScriptInput input(Policy policy, WfasRuleSet rules) {
    return new ScriptInput(policy, rules, Slug.of(policy.name()), "ab".repeat(32), "0.1.0");
  }

  static ScriptInput classicInput() {
    WfasRuleSet set = classic();
    return input(
        policy("Block RPC Ports", Optional.of("RPC only from the admin subnet"), set.rpc()), set);
  }

  static List<Diagnostic> check(ScriptInput input) {
    Diagnostics out = new Diagnostics();
    new NetshEmitter().check(input, out);
    return out.sorted();
  }

  static Result<WfasRuleSet> read(String name, String text) {
    return new NetshReader().read(new SourceFile(name, text));
  }

  static Result<WfasRuleSet> read(EmittedFile file) {
    return read(file.name(), new String(file.bytes(), java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** What survives netsh: the rule ID is the display name, there is no group, origins differ. */
  static WfasRuleSet normalize(WfasRuleSet set) {
    List<WfasRule> rules =
        set.rules().stream()
            .map(r -> new WfasRule(
                r.displayName(), r.displayName(), Optional.empty(), r.description(),
                r.direction(), r.action(), r.protocol(), r.localPorts(), r.remotePorts(),
                r.localAddresses(), r.remoteAddresses(), r.profiles(), r.enabled(), r.program(),
                r.service(), SourceSpan.UNKNOWN))
            // The order of rules means nothing to Windows Firewall (a matching block rule wins
            // over any allow rule, windows-semantics.md 2.1), and the apply script adds block
            // rules first.
            .sorted(java.util.Comparator.comparing(WfasRule::displayName))
            .toList();
    RpcSettings rpc = set.rpc();
    return new WfasRuleSet(
        rules,
        new RpcSettings(rpc.dynamicPorts(), SourceSpan.UNKNOWN, rpc.wmiFixedPort(), SourceSpan.UNKNOWN));
  }
}
