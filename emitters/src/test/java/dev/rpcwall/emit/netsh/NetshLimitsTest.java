package dev.rpcwall.emit.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.Rule;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.Ip;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import dev.rpcwall.emit.Compilation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetshLimitsTest {
  @Test
  void compileDefaults_splitListsAtNetshsCharacterLimit_measuredAsNetshWrites() {
    List<IpRange> hosts = new ArrayList<>();
    for (int i = 0; i < 900; i++) {
      Ip a = Ip.v6(0x20010db800000000L, 2L * i + 0x1000);
      hosts.add(new IpRange(a, a));
    }
    Policy policy = new Policy("p", SourceSpan.UNKNOWN, Optional.empty(), SourceSpan.UNKNOWN,
        List.of(new Rule(0, Action.ALLOW, AddressSet.of(hosts), PortSet.of(135, 135), PortSet.empty(),
            EnumSet.allOf(Profile.class), SourceSpan.UNKNOWN, "allow")),
        Action.BLOCK, SourceSpan.UNKNOWN, RpcSettings.NONE, "p.rpcwall", List.of());

    assertThat(Compilation.Options.defaults().lowering()).isEqualTo(NetshLimits.lowering());
    WfasRuleSet rules = WfasLowering.lower(DecisionMap.of(policy), NetshLimits.lowering());

    List<WfasRule> allows =
        rules.rules().stream().filter(r -> r.action() == RuleAction.ALLOW).toList();
    // 900 entries fit Windows' 1000, but not 6000 characters: netsh's limit splits them.
    assertThat(allows.size()).isGreaterThan(1);
    for (WfasRule r : allows) {
      String text = String.join(",", NetshAddressText.entries(r.remoteAddresses().addresses()));
      assertThat(text.length()).isLessThanOrEqualTo(NetshLimits.MAX_ADDRESS_CHARS);
      assertThat(r.remoteAddresses().addresses().rangeCount()).isLessThanOrEqualTo(AddressLimits.MAX_ENTRIES);
    }
  }
}
