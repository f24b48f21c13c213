package dev.rpcwall.compiler.model;

import static dev.rpcwall.compiler.model.Rules.net;
import static dev.rpcwall.compiler.model.Rules.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link WfasEvaluator#matching}: the rules a region's decision is traced to. */
class WfasEvaluatorMatchingTest {
  private static final WfasRule ALLOW_ADMINS = tcp("admins", RuleAction.ALLOW, "135", net("10.1.1.0/24"));
  private static final WfasRule ALLOW_RANGE = tcp("range", RuleAction.ALLOW, "5001-5021", AddressSet.all());
  private static final WfasRule BLOCK_ANY = tcp("block", RuleAction.BLOCK, "135", AddressSet.all());
  private static final WfasRule OFF = Rules.disabled(tcp("off", RuleAction.ALLOW, "135", AddressSet.all()));
  private static final WfasRule PUBLIC_ONLY =
      Rules.withProfiles(tcp("public", RuleAction.ALLOW, "135", AddressSet.all()), Set.of(Profile.PUBLIC));
  private static final WfasRule PROGRAM =
      Rules.withProgram(tcp("program", RuleAction.ALLOW, "135", AddressSet.all()), "C:\\a.exe");

  private static List<String> ids(List<WfasRule> rules) {
    return rules.stream().map(WfasRule::id).toList();
  }

  @Test
  void matching_keepsOnlyEnabledRulesOfTheActionProfilePortsAndAddresses() {
    WfasEvaluator e = WfasEvaluator.of(Rules.set(ALLOW_ADMINS, ALLOW_RANGE, BLOCK_ANY, OFF, PUBLIC_ONLY, PROGRAM));
    AddressSet admin = net("10.1.1.7/32");
    AddressSet other = net("10.2.0.0/16");
    assertThat(ids(e.matching(Profile.DOMAIN, Protocol.TCP, PortRange.of(135), admin, RuleAction.ALLOW)))
        .containsExactly("admins", "program");
    assertThat(ids(e.matching(Profile.PUBLIC, Protocol.TCP, PortRange.of(135), other, RuleAction.ALLOW)))
        .containsExactly("public", "program");
    assertThat(ids(e.matching(Profile.DOMAIN, Protocol.TCP, PortRange.of(130, 5001), other, RuleAction.ALLOW)))
        .containsExactly("range", "program");
    assertThat(ids(e.matching(Profile.DOMAIN, Protocol.TCP, PortRange.of(136, 5000), admin, RuleAction.ALLOW)))
        .isEmpty();
    assertThat(ids(e.matching(Profile.DOMAIN, Protocol.TCP, PortRange.of(135), admin, RuleAction.BLOCK)))
        .containsExactly("block");
    assertThat(ids(e.matching(Profile.DOMAIN, Protocol.UDP, PortRange.of(135), admin, RuleAction.BLOCK)))
        .isEmpty();
    // Read "no match", the program's rule matches nothing.
    WfasEvaluator differ = WfasEvaluator.of(Rules.set(ALLOW_ADMINS, PROGRAM), List.of(),
        EvaluationOptions.defaults().withUnresolved(HostCondition.ASSUME_NO_MATCH));
    assertThat(ids(differ.matching(Profile.DOMAIN, Protocol.TCP, PortRange.of(135), admin, RuleAction.ALLOW)))
        .containsExactly("admins");
  }
}
