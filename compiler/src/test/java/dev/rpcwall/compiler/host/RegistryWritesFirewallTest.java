package dev.rpcwall.compiler.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.semantics.Profile;
import dev.rpcwall.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryWritesFirewallTest {
  static final String LOCAL_RULES =
      "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters"
          + "\\FirewallPolicy\\FirewallRules";
  static final String GPO_RULES = "HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\FirewallRules";
  static final String LOCAL = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters"
      + "\\FirewallPolicy\\";
  static final String GPO = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall\\";

  private final HostState host = new HostState();
  private final List<HostNote> notes = new ArrayList<>();

  private static SourceSpan at(int line) {
    return SourceSpan.at("f.reg", line, 1, 1);
  }

  private void sz(String key, String name, String data, int line) {
    RegistryWrites.set(key, new RegistryValue(name, RegistryValue.REG_SZ, List.of(data), at(line)),
        host, notes);
  }

  private void dword(String key, String name, long v, int line) {
    RegistryWrites.set(key, new RegistryValue(name, RegistryValue.REG_DWORD,
        List.of(Long.toString(v)), at(line)), host, notes);
  }

  @Test
  void rulesGoToTheirStoreAndALaterWriteOfTheSameIdReplaces() {
    sz(LOCAL_RULES, "R1", "v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=135|", 2);
    sz(GPO_RULES, "R1", "v2.10|Action=Block|Active=TRUE|Dir=In|Protocol=6|LPort=135|", 3);
    sz(LOCAL_RULES, "r1", "v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=445|", 4);
    assertThat(notes).isEmpty();
    assertThat(host.rules()).extracting(r -> r.store() + " " + r.rule().id() + " "
            + r.rule().localPorts().ports() + " @" + r.rule().origin().line())
        .containsExactly("GPO R1 135 @3", "LOCAL r1 445 @4");
  }

  @Test
  void offlineControlSetNamesAreTheCurrentOne() {
    sz("HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\SharedAccess\\Parameters"
        + "\\FirewallPolicy\\FirewallRules", "R", "v2.10|Action=Allow|Dir=In|", 1);
    assertThat(host.rules()).hasSize(1);
  }

  @Test
  void deletesOfValuesKeysAndParentKeys() {
    sz(LOCAL_RULES, "A", "v2.10|Action=Allow|Dir=In|", 1);
    sz(LOCAL_RULES, "B", "v2.10|Action=Allow|Dir=In|", 2);
    sz(GPO_RULES, "C", "v2.10|Action=Allow|Dir=In|", 3);
    RegistryWrites.delete(LOCAL_RULES, "a", at(4), host, notes);
    assertThat(host.rules()).extracting(r -> r.rule().id()).containsExactly("B", "C");
    RegistryWrites.delete(LOCAL + "FirewallRules", null, at(5), host, notes);
    assertThat(host.rules()).extracting(r -> r.rule().id()).containsExactly("C");
    RegistryWrites.delete("HKLM\\SOFTWARE\\Policies\\Microsoft", null, at(6), host, notes);
    assertThat(host.rules()).isEmpty();
  }

  @Test
  void aRuleWrittenAsAnotherTypeIsNotRead() {
    RegistryWrites.set(LOCAL_RULES, new RegistryValue("R", RegistryValue.REG_MULTI_SZ,
        List.of("v2.10|Action=Allow|Dir=In|"), at(9)), host, notes);
    assertThat(host.rules()).isEmpty();
    assertThat(notes).singleElement().satisfies(n -> {
      assertThat(n.category()).isEqualTo(HostNote.INVALID_RULE);
      assertThat(n.at()).isEqualTo(at(9));
    });
  }

  @Test
  void ruleStringProblemsBecomeNotesAtTheirColumn() {
    RegistryWrites.set(LOCAL_RULES, new RegistryValue("R", RegistryValue.REG_SZ,
        List.of("v2.10|Action=Allow|Dir=In|Protocol=6|LPort=99999|"), SourceSpan.at("f", 3, 7, 40)),
        host, notes);
    assertThat(notes).singleElement().satisfies(n -> {
      assertThat(n.category()).isEqualTo(HostNote.INVALID_RULE);
      assertThat(n.message()).startsWith("rule 'R': port '99999'");
      assertThat(n.at().column()).isEqualTo(7 + "v2.10|Action=Allow|Dir=In|Protocol=6|LPort=".length());
    });
  }

  @Test
  void defaultInboundActionPerProfileGroupPolicyWins() {
    dword(LOCAL + "DomainProfile", "DefaultInboundAction", 0, 1);
    assertThat(host.defaultInbound().get(Profile.DOMAIN).value()).isEqualTo(Action.ALLOW);
    dword(GPO + "DomainProfile", "DefaultInboundAction", 1, 2);
    dword(LOCAL + "DomainProfile", "DefaultInboundAction", 0, 3);
    assertThat(host.defaultInbound().get(Profile.DOMAIN))
        .isEqualTo(new ProfileSetting<>(Action.BLOCK, at(2)));
    // Local StandardProfile is the private profile.
    dword(LOCAL + "StandardProfile", "DefaultInboundAction", 0, 4);
    assertThat(host.defaultInbound().get(Profile.PRIVATE).value()).isEqualTo(Action.ALLOW);
    assertThat(host.defaultInbound()).doesNotContainKey(Profile.PUBLIC);
    assertThat(notes).isEmpty();
  }

  @Test
  void gpoStandardProfileAppliesToPrivateAndPublicOnlyWithoutTheirOwnKeys() {
    dword(GPO + "StandardProfile", "DefaultInboundAction", 0, 1);
    assertThat(host.defaultInbound().get(Profile.PRIVATE).value()).isEqualTo(Action.ALLOW);
    assertThat(host.defaultInbound().get(Profile.PUBLIC).value()).isEqualTo(Action.ALLOW);
    dword(GPO + "PublicProfile", "EnableFirewall", 1, 2);
    // A PublicProfile key exists now: StandardProfile no longer applies to either.
    assertThat(host.defaultInbound()).doesNotContainKeys(Profile.PRIVATE, Profile.PUBLIC);
    assertThat(host.profileStates().get(Profile.PUBLIC).value()).isEqualTo(ProfileState.ENFORCING);
  }

  @Test
  void profileStatesFollowTheMergeLaws() {
    dword(LOCAL + "PublicProfile", "EnableFirewall", 0, 1);
    assertThat(host.profileStates().get(Profile.PUBLIC))
        .isEqualTo(new ProfileSetting<>(ProfileState.FIREWALL_OFF, at(1)));
    dword(GPO + "PublicProfile", "EnableFirewall", 1, 2);
    assertThat(host.profileStates().get(Profile.PUBLIC).value()).isEqualTo(ProfileState.ENFORCING);
    dword(LOCAL + "PublicProfile", "DoNotAllowExceptions", 1, 3);
    assertThat(host.profileStates().get(Profile.PUBLIC))
        .isEqualTo(new ProfileSetting<>(ProfileState.SHIELDED, at(3)));
    dword(GPO + "PublicProfile", "DoNotAllowExceptions", 0, 4);
    // Shielded: "on" wins whichever store says it.
    assertThat(host.profileStates().get(Profile.PUBLIC).value()).isEqualTo(ProfileState.SHIELDED);
    dword(GPO + "DomainProfile", "AllowLocalPolicyMerge", 0, 5);
    assertThat(host.profileStates().get(Profile.DOMAIN))
        .isEqualTo(new ProfileSetting<>(ProfileState.LOCAL_RULES_IGNORED, at(5)));
    // The local store has no say on local merge.
    dword(LOCAL + "PrivateProfile", "AllowLocalPolicyMerge", 0, 6);
    assertThat(host.profileStates()).doesNotContainKey(Profile.PRIVATE);
    RegistryWrites.delete(GPO + "DomainProfile", "AllowLocalPolicyMerge", at(7), host, notes);
    assertThat(host.profileStates()).doesNotContainKey(Profile.DOMAIN);
    assertThat(notes).isEmpty();
  }

  @Test
  void profileValuesOfTheWrongTypeOrValueAreNoted() {
    sz(GPO + "DomainProfile", "EnableFirewall", "0", 1);
    dword(GPO + "DomainProfile", "DefaultInboundAction", 2, 2);
    assertThat(host.profileStates()).isEmpty();
    assertThat(host.defaultInbound()).isEmpty();
    assertThat(notes).extracting(HostNote::category)
        .containsExactly(HostNote.INVALID_RULE, HostNote.INVALID_RULE);
    assertThat(notes.get(0).message()).contains("REG_SZ");
    assertThat(notes.get(1).message()).contains("DefaultInboundAction 2");
  }

  @Test
  void rpcInternetStillRead() {
    RegistryWrites.set("HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet",
        new RegistryValue("Ports", RegistryValue.REG_SZ, List.of("5000-5100"), at(1)), host, notes);
    assertThat(host.rpcInternet().get("ports").type()).isEqualTo(RegistryValue.REG_SZ);
    RegistryWrites.delete("HKLM\\SOFTWARE\\Microsoft\\Rpc", null, at(2), host, notes);
    assertThat(host.rpcInternet()).isEmpty();
  }
}
