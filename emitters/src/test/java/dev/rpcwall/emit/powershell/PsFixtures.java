package dev.rpcwall.emit.powershell;

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
import dev.rpcwall.compiler.lower.RuleNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Hand-built inputs for the PowerShell tests. */
final class PsFixtures {
  private PsFixtures() {}

  static final SourceSpan NAME_SPAN = SourceSpan.at("p.rpcwall", 1, 8, 17);
  static final String SLUG = Slug.of("Block RPC Ports");
  static final String GROUP = RuleNames.group("Block RPC Ports");

  static Policy policy(String name, Optional<String> description) {
    return new Policy(name, NAME_SPAN, description, SourceSpan.at("p.rpcwall", 2, 13, 10),
        List.of(), Action.BLOCK, SourceSpan.UNKNOWN, RpcSettings.NONE, "p.rpcwall");
  }

  static WfasRule rule(String id, RuleAction action, int protocol, PortSet ports,
      AddressCondition remote, Set<Profile> profiles) {
    return new WfasRule(id, "Block RPC Ports - " + id, Optional.of(GROUP),
        Optional.of("From policy 'Block RPC Ports'"), Direction.IN, action, protocol,
        PortCondition.of(ports), PortCondition.ANY, AddressCondition.ANY, remote, profiles, true,
        Optional.empty(), Optional.empty(), SourceSpan.at("p.rpcwall", 9, 1, 5));
  }

  static RpcSettings rpc(PortSet dynamic, boolean wmi) {
    return new RpcSettings(Optional.of(dynamic), SourceSpan.at("p.rpcwall", 4, 3, 20),
        wmi ? OptionalInt.of(24158) : OptionalInt.empty(),
        wmi ? SourceSpan.at("p.rpcwall", 5, 3, 20) : SourceSpan.UNKNOWN);
  }

  /** The classic scenario: 135 and 5001-5021 from the admin subnet, blocked from the rest. */
  static WfasRuleSet classic() {
    AddressSet admins = AddressSet.cidr(dev.rpcwall.compiler.semantics.Ip.parse("10.1.1.0").orElseThrow(), 24);
    PortSet ports = PortSet.of(List.of(
        dev.rpcwall.compiler.semantics.PortRange.of(135),
        dev.rpcwall.compiler.semantics.PortRange.of(5001, 5021)));
    return new WfasRuleSet(List.of(
        rule("block-rpc-ports-allow-1", RuleAction.ALLOW, 6, ports, AddressCondition.of(admins),
            Set.of()),
        rule("block-rpc-ports-block-1", RuleAction.BLOCK, 6, ports,
            AddressCondition.of(dev.rpcwall.compiler.model.AddressLimits.listable(admins.complement())), Set.of())),
        rpc(PortSet.of(5001, 5021), true));
  }

  static ScriptInput input(WfasRuleSet rules) {
    return input(policy("Block RPC Ports", Optional.of("RPC only from the admin subnet")), rules);
  }

  static ScriptInput input(Policy policy, WfasRuleSet rules) {
    return new ScriptInput(policy, rules, Slug.of(policy.name()), "ab".repeat(32), "0.1.0");
  }

  /** Decodes an emitted file the way Windows PowerShell does: BOM, then UTF-8. */
  static String decode(EmittedFile f) {
    byte[] b = f.bytes();
    return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
  }

  static Result<WfasRuleSet> read(String text) {
    return new PowerShellReader().read(new SourceFile("t.ps1", text));
  }

  /** Every address of both families means the same as {@code Any}, which is how it is emitted. */
  static AddressCondition anyIfAll(AddressCondition a) {
    return !a.any() && a.keywords().isEmpty() && a.addresses().equals(AddressSet.all())
        ? AddressCondition.ANY : a;
  }

  /** Origins say where a rule was written; equality of meaning leaves them out. */
  static WfasRuleSet withoutOrigins(WfasRuleSet set) {
    List<WfasRule> rules = set.rules().stream()
        .map(r -> new WfasRule(r.id(), r.displayName(), r.group(), r.description(), r.direction(),
            r.action(), r.protocol(), r.localPorts(), r.remotePorts(), anyIfAll(r.localAddresses()),
            anyIfAll(r.remoteAddresses()), r.profiles(), r.enabled(), r.program(), r.service(),
            SourceSpan.UNKNOWN))
        .toList();
    RpcSettings rpc = set.rpc();
    RpcSettings bare = new RpcSettings(rpc.dynamicPorts(), SourceSpan.UNKNOWN, rpc.wmiFixedPort(),
        SourceSpan.UNKNOWN);
    return new WfasRuleSet(rules, bare);
  }
}
