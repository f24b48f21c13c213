package dev.rpcwall.compiler.semantics;

import static dev.rpcwall.compiler.semantics.DecisionMapTest.ALL;
import static dev.rpcwall.compiler.semantics.DecisionMapTest.net;
import static dev.rpcwall.compiler.semantics.DecisionMapTest.policy;
import static dev.rpcwall.compiler.semantics.DecisionMapTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Codes;
import dev.rpcwall.compiler.diag.Diagnostic;
import dev.rpcwall.compiler.diag.Diagnostics;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.ir.Policy;
import dev.rpcwall.compiler.ir.RpcSettings;
import dev.rpcwall.compiler.ir.Rule;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockoutChecksTest {
  private static List<Diagnostic> check(Policy policy) {
    Diagnostics out = new Diagnostics();
    LockoutChecks.check(DecisionMap.of(policy), out);
    return out.sorted();
  }

  @Test
  void rdpAllowedOnDomainOnly_blockedElsewhere_warnsWithTheFix() {
    Rule rdp = rule(0, Action.ALLOW, AddressSet.all(), PortSet.of(3389), EnumSet.of(Profile.DOMAIN));
    List<Diagnostic> d = check(policy(Action.BLOCK, RpcSettings.NONE, rdp));
    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(Codes.LOCKOUT_PROFILE_ONLY_ALLOW);
      assertThat(x.message()).contains("tcp/3389 is allowed from any only on domain")
          .contains("on private, public the policy blocks it (the default)");
      assertThat(x.hint()).hasValue("if they must reach it everywhere, remove 'on domain' from"
          + " this rule, or add 'allow any to tcp 3389 on private, public' above the default");
    });
    // The same allow on every profile: nothing to say.
    Rule everywhere = rule(0, Action.ALLOW, AddressSet.all(), PortSet.of(3389), ALL);
    assertThat(check(policy(Action.BLOCK, RpcSettings.NONE, everywhere))).isEmpty();
    // Allowed elsewhere by another rule: nothing is blocked, nothing to say.
    Rule rest = rule(1, Action.ALLOW, AddressSet.all(), PortSet.of(3389), EnumSet.of(Profile.PRIVATE, Profile.PUBLIC));
    assertThat(check(policy(Action.BLOCK, RpcSettings.NONE, rdp, rest))).isEmpty();
  }

  @Test
  void managementPortBlockedFromTheEndpointMapperAdmins_warns_onlyWhenBlockedFromAllOfThem() {
    Rule epm = rule(0, Action.ALLOW, net("10.1.1.0/24"), PortSet.of(135), ALL);
    Rule winrm = rule(1, Action.BLOCK, AddressSet.all(), PortSet.of(5985), ALL);
    List<Diagnostic> d = check(policy(Action.BLOCK, RpcSettings.NONE, epm, winrm));
    assertThat(d).extracting(Diagnostic::code).containsExactly(Codes.LOCKOUT_MANAGEMENT_BLOCKED);
    assertThat(d.get(0).hint()).hasValue(
        "if they manage the host through WinRM, add 'allow 10.1.1.0/24 to tcp 5985' above the rule"
            + " at line 4");
    // Half of the admins may use WinRM: not every address is locked out.
    Rule some = rule(1, Action.ALLOW, net("10.1.1.0/25"), PortSet.of(5985), ALL);
    Rule rest = rule(2, Action.BLOCK, AddressSet.all(), PortSet.of(5985), ALL);
    assertThat(check(policy(Action.BLOCK, RpcSettings.NONE, epm, some, rest))).isEmpty();
  }

  @Test
  void defaultAllow_opensSmbOnPublic_warns_defaultBlockDoesNot() {
    Rule smb = rule(0, Action.BLOCK, net("10.0.0.0/8"), PortSet.of(445), ALL);
    List<Diagnostic> d = check(policy(Action.ALLOW, RpcSettings.NONE, smb));
    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.code()).isEqualTo(Codes.LOCKOUT_DEFAULT_ALLOW_PUBLIC);
      assertThat(x.message()).startsWith("'default allow' opens tcp/445 on the public profile");
      assertThat(x.hint()).hasValue(
          "add 'block any to tcp 445 on public' as the last rule, or write 'default block'");
    });
    assertThat(check(policy(Action.BLOCK, RpcSettings.NONE, smb))).isEmpty();
  }
}
