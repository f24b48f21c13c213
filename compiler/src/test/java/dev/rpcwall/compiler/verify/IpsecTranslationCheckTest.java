package dev.rpcwall.compiler.verify;

import static dev.rpcwall.compiler.model.Rules.ip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Result;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.lower.IpsecLowering;
import dev.rpcwall.compiler.lower.Policies;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecExemptions;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.model.ipsec.IpsecPolicy;
import dev.rpcwall.compiler.model.ipsec.IpsecRule;
import dev.rpcwall.compiler.model.ipsec.IpsecStore;
import dev.rpcwall.compiler.model.ipsec.IpsecVerdict;
import dev.rpcwall.compiler.semantics.AddressSet;
import dev.rpcwall.compiler.semantics.Decision;
import dev.rpcwall.compiler.semantics.DecisionMap;
import dev.rpcwall.compiler.semantics.IpRange;
import dev.rpcwall.compiler.semantics.PortRange;
import dev.rpcwall.compiler.semantics.PortSet;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.semantics.Protocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpsecTranslationCheckTest {
  private static final int TCP = 6;
  private static final IpsecLowering.Options V4 = IpsecLowering.Options.defaults().withIpv4Only(true);

  private static DecisionMap kb() {
    return DecisionMap.of(Policies.kb());
  }

  private static List<IpsecFilter> lowered(DecisionMap map) {
    Result<IpsecLowering.Lowered> r = IpsecLowering.lower(map, V4);
    assertThat(r.hasErrors()).as(r.diagnostics().toString()).isFalse();
    return r.orElseThrow().filters();
  }

  /** A store holding {@code filters} as one policy, assigned or not, split into a PASS and a BLOCK rule. */
  static IpsecStore store(List<IpsecFilter> filters, boolean assigned) {
    List<IpsecRule> rules = new ArrayList<>();
    for (IpsecAction action : IpsecAction.values()) {
      List<IpsecFilter> mine = filters.stream().filter(f -> f.action() == action).toList();
      if (!mine.isEmpty()) {
        String n = "r-" + action;
        rules.add(new IpsecRule(n, n, n, action, mine));
      }
    }
    return new IpsecStore(List.of(new IpsecPolicy("p", assigned, rules)), List.of(), RpcSettings.NONE);
  }

  @Test
  void check_loweredFiltersAssigned_haveNoMismatch() {
    DecisionMap map = kb();
    assertThat(IpsecTranslationCheck.check(map, store(lowered(map), true))).isEmpty();
  }

  @Test
  void check_policyNotAssigned_blocksNothing() {
    // 5.1 rule 1: a static policy takes effect only when assigned.
    DecisionMap map = kb();
    List<IpsecMismatch> m = IpsecTranslationCheck.check(map, store(lowered(map), false));
    assertThat(m).isNotEmpty();
    assertThat(m).allSatisfy(x -> {
      assertThat(x.expected()).isEqualTo(Decision.BLOCK);
      assertThat(x.actual()).isEqualTo(IpsecVerdict.NO_MATCH);
    });
    // The whole blocked space of port 135, exactly: everything but the admins' /24.
    assertThat(m).anySatisfy(x -> {
      assertThat(x.ports()).isEqualTo(PortRange.of(135, 135));
      assertThat(x.addresses()).isEqualTo(new IpRange(ip("0.0.0.0"), ip("10.1.0.255")));
    });
  }

  @Test
  void check_dynamicFiltersCount_andOtherPoliciesDoNot() {
    DecisionMap map = kb();
    List<IpsecFilter> filters = lowered(map);
    IpsecStore dynamic = new IpsecStore(
        List.of(new IpsecPolicy("unassigned copy", false, store(filters, false).policies().get(0).rules())),
        filters, RpcSettings.NONE);
    assertThat(IpsecTranslationCheck.check(map, dynamic)).isEmpty();
  }

  @Test
  void check_ambiguousPair_isAMismatchEvenWhereTheActionWouldBeRight() {
    DecisionMap map = kb();
    List<IpsecFilter> filters = new ArrayList<>(lowered(map));
    // Same specificity, different action, on a blocked address and port: ambiguous (5.5 rule 3).
    IpsecFilter a = new IpsecFilter(IpsecAddress.host(ip("192.0.2.1").lo()), IpsecAddress.me(), TCP, 0,
        135, false, IpsecAction.BLOCK);
    IpsecFilter b = new IpsecFilter(IpsecAddress.host(ip("192.0.2.1").lo()), IpsecAddress.me(), TCP, 0,
        135, false, IpsecAction.PASS);
    filters.add(a);
    filters.add(b);
    List<IpsecMismatch> m = IpsecTranslationCheck.check(map, store(filters, true));
    assertThat(m).singleElement().satisfies(x -> {
      assertThat(x.actual()).isEqualTo(IpsecVerdict.AMBIGUOUS);
      assertThat(x.addresses()).isEqualTo(new IpRange(ip("192.0.2.1"), ip("192.0.2.1")));
      assertThat(x.ports()).isEqualTo(PortRange.of(135, 135));
      assertThat(x.deciding()).containsExactlyInAnyOrder(a, b);
      assertThat(x.describe()).contains("ambiguous");
    });
  }

  @Test
  void check_filterOnUnmanagedPort_isAMismatch() {
    DecisionMap map = kb();
    List<IpsecFilter> filters = new ArrayList<>(lowered(map));
    filters.add(IpsecFilter.inbound(IpsecAddress.any(), 17, 53, IpsecAction.PASS));
    List<IpsecMismatch> m = IpsecTranslationCheck.check(map, store(filters, true));
    assertThat(m).singleElement().satisfies(x -> {
      assertThat(x.protocol()).isEqualTo(Protocol.UDP);
      assertThat(x.ports()).isEqualTo(PortRange.of(53, 53));
      assertThat(x.expected()).isEqualTo(Decision.UNMANAGED);
      assertThat(x.actual()).isEqualTo(IpsecVerdict.PASS);
      assertThat(x.addresses()).isEqualTo(IpRange.all(dev.rpcwall.compiler.semantics.IpFamily.IPV4));
    });
  }

  @Test
  void check_blockFromADifferentProfile_isCaughtInThatProfile() {
    // A policy that blocks only on the public profile cannot be carried: the check compares all three.
    Policy p = Policies.named("p").block(AddressSet.all(), PortSet.of(445), PortSet.empty(), Profile.PUBLIC)
        .defaultAction(dev.rpcwall.compiler.ir.Action.ALLOW).build();
    DecisionMap map = DecisionMap.of(p);
    List<IpsecFilter> filters = List.of(IpsecFilter.inbound(IpsecAddress.any(), TCP, 445, IpsecAction.BLOCK));
    assertThat(IpsecTranslationCheck.check(map, store(filters, true)))
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x.expected()).isEqualTo(Decision.ALLOW));
  }

  @Test
  void check_addressBlockDestination_isReadBothWays() {
    DecisionMap map = kb();
    List<IpsecFilter> filters = new ArrayList<>(lowered(map));
    // A PASS to an address block: if it is this computer's, 192.0.2.0/24 gets through port 135.
    filters.add(new IpsecFilter(IpsecAddress.prefix(ip("192.0.2.0").lo(), 24),
        IpsecAddress.prefix(ip("10.9.0.0").lo(), 16), TCP, 0, 135, false, IpsecAction.PASS));
    List<IpsecMismatch> m = IpsecTranslationCheck.check(map, store(filters, true));
    assertThat(m).singleElement().satisfies(x -> {
      assertThat(x.reading()).isEqualTo("address-block destinations this computer");
      assertThat(x.addresses()).isEqualTo(new IpRange(ip("192.0.2.0"), ip("192.0.2.255")));
      assertThat(x.actual()).isEqualTo(IpsecVerdict.PASS);
    });
  }

  @Test
  void check_mirroredBlockFromMe_doesNotTouchInbound_butMirroredFromAnyDoes() {
    DecisionMap map = kb();
    List<IpsecFilter> filters = new ArrayList<>(lowered(map));
    // me -> any, mirrored: its mirror any -> me tcp 3389 blocks inbound RDP, which is unmanaged.
    filters.add(new IpsecFilter(IpsecAddress.me(), IpsecAddress.any(), TCP, 3389, 0, true,
        IpsecAction.BLOCK));
    List<IpsecMismatch> m = IpsecTranslationCheck.check(map, store(filters, true));
    assertThat(m).singleElement().satisfies(x -> {
      assertThat(x.ports()).isEqualTo(PortRange.of(3389, 3389));
      assertThat(x.actual()).isEqualTo(IpsecVerdict.BLOCK);
    });
  }

  @Test
  void check_exemptPort_passesWhateverTheFilters() {
    // 5.5 rule 6: a BLOCK on Kerberos does not take effect; the policy's block is not met.
    Policy p = Policies.named("p").block(AddressSet.all(), PortSet.of(88), PortSet.empty())
        .defaultAction(dev.rpcwall.compiler.ir.Action.ALLOW).build();
    DecisionMap map = DecisionMap.of(p);
    List<IpsecFilter> filters = List.of(IpsecFilter.inbound(IpsecAddress.any(), TCP, 88, IpsecAction.BLOCK));
    assertThat(IpsecTranslationCheck.check(map, store(filters, true), IpsecExemptions.NONE)).isEmpty();
    assertThat(IpsecTranslationCheck.check(map, store(filters, true)))
        .singleElement()
        .satisfies(x -> assertThat(x.actual()).isEqualTo(IpsecVerdict.EXEMPT));
  }

  @Test
  void check_remotePortExemption_makesEveryBlockDependOnTheRemotePort() {
    DecisionMap map = kb();
    List<IpsecMismatch> m =
        IpsecTranslationCheck.check(map, store(lowered(map), true), IpsecExemptions.DEFAULT_WITH_REMOTE_PORTS);
    assertThat(m).isNotEmpty().allSatisfy(x -> {
      assertThat(x.expected()).isEqualTo(Decision.BLOCK);
      assertThat(x.actual()).isEqualTo(IpsecVerdict.DEPENDS_ON_REMOTE_PORT);
    });
  }
}
