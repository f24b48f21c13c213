package dev.rpcwall.emit.netsh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.lower.Policies;
import dev.rpcwall.compiler.lower.WfasLowering;
import dev.rpcwall.compiler.model.AddressLimits;
import dev.rpcwall.compiler.model.RuleAction;
import dev.rpcwall.compiler.model.WfasRule;
import dev.rpcwall.compiler.model.WfasRuleSet;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.emit.Compilation;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetshLimitsTest {
  @Test
  void compileDefaults_splitListsAtNetshsCharacterLimit_measuredAsNetshWrites() {
    Policy policy = Policies.named("p")
        .allow(Policies.v6Hosts(900), PortSet.of(135), PortSet.empty()).build();

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
