package dev.rpcwall.compiler.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcwall.compiler.diag.Severity;
import dev.rpcwall.compiler.host.HostNote;
import dev.rpcwall.compiler.host.RegistryValue;
import dev.rpcwall.compiler.host.Roles;
import dev.rpcwall.compiler.ir.Action;
import dev.rpcwall.compiler.model.AddressKeyword;
import dev.rpcwall.compiler.model.EvaluationOptions.ProfileState;
import dev.rpcwall.compiler.model.PortKeyword;
import dev.rpcwall.compiler.model.Rules;
import dev.rpcwall.compiler.model.ipsec.IpsecAction;
import dev.rpcwall.compiler.model.ipsec.IpsecAddress;
import dev.rpcwall.compiler.model.ipsec.IpsecFilter;
import dev.rpcwall.compiler.semantics.Profile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each check's positive and negative cases, on hosts built from HostState directly. */
class LintChecksTest {

  private static List<Finding> with(List<Finding> findings, String id) {
    return findings.stream().filter(f -> f.id().equals(id)).toList();
  }

  private static Finding one(List<Finding> findings, String id) {
    List<Finding> found = with(findings, id);
    assertThat(found).as("findings %s in %s", id, findings).hasSize(1);
    return found.get(0);
  }

  private static String evidence(Finding f) {
    StringBuilder sb = new StringBuilder();
    f.evidence().forEach(e -> sb.append(e.text()).append(" @ ").append(e.at()).append('\n'));
    return sb.toString();
  }

  // --- readers' notes ----------------------------------------------------------------------------

  @Test
  void notes_becomeUnreadableAndInvalidRuleFindings() {
    List<HostNote> notes = List.of(
        HostNote.unreadable(HostRules.at(3), "what is this", "hint a"),
        HostNote.invalidRule(HostRules.at(2), "protocol=any with localport", "hint b"));
    List<Finding> f = Linter.lint(new HostRules().host(), notes, Roles.NONE);
    assertThat(f).extracting(Finding::id).containsExactly("RWL0002", "RWL0001");
    assertThat(f.get(0).category()).isEqualTo(Category.INVALID_RULE);
    assertThat(f.get(0).severity()).isEqualTo(Severity.ERROR);
    assertThat(f.get(0).hint()).isEqualTo("hint b");
    assertThat(f.get(1).category()).isEqualTo(Category.UNREADABLE);
  }

  // --- rpc-exposed -------------------------------------------------------------------------------

  @Test
  void rpcExposed_epmFromAny() {
    HostRules h = new HostRules().allow("RPC").port("135").add();
    Finding f = one(h.lint(), "RWL0101");
    assertThat(f.category()).isEqualTo(Category.RPC_EXPOSED);
    assertThat(f.severity()).isEqualTo(Severity.ERROR);
    assertThat(f.at()).isEqualTo(HostRules.at(1));
    assertThat(f.message()).contains("rule \"RPC\"").contains("domain, private, public")
        .doesNotContain("depends");
    assertThat(evidence(f)).contains("public: tcp/135 from every Internet address, allowed by rule \"RPC\" (host.cmd:1:1)");
  }

  @Test
  void rpcExposed_scopedToPrivateNetworks_notReported() {
    HostRules h = new HostRules().allow("RPC").port("135").from("10.0.0.0/8", "192.168.0.0/16").add();
    assertThat(with(h.lint(), "RWL0101")).isEmpty();
  }

  @Test
  void rpcExposed_rolesInternet_replacesTheDefault() {
    HostRules h = new HostRules().allow("RPC").port("135").from("10.0.0.0/8").add();
    Roles roles = new Roles(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Rules.net("10.9.0.0/16")));
    assertThat(with(h.lint(roles), "RWL0101")).hasSize(1);
  }

  @Test
  void rpcExposed_blockRuleOverrides_notReported() {
    HostRules h = new HostRules().allow("RPC").port("135").add()
        .block("no internet").port("0-1000").from("0.0.0.0/1", "128.0.0.0/1", "::/0").add()
        .allow("lan").port("135").from("10.0.0.0/8").add();
    assertThat(with(h.lint(), "RWL0101")).isEmpty();
  }

  @Test
  void rpcExposed_dynamicRange_fromRegistryOrWindowsDefault() {
    HostRules configured = new HostRules().rpcRange("5001-5200")
        .allow("dyn").port("5001-5200").add();
    assertThat(one(configured.lint(), "RWL0102").message()).contains("tcp/5001-5200");

    HostRules elsewhere = new HostRules().rpcRange("5001-5200")
        .allow("high").port("49152-65535").add();
    assertThat(with(elsewhere.lint(), "RWL0102")).isEmpty();

    HostRules defaultRange = new HostRules().allow("high").port("49152-65535").add();
    Finding f = one(defaultRange.lint(), "RWL0102");
    assertThat(evidence(f)).contains("Windows' default dynamic range 49152-65535 assumed");
  }

  @Test
  void rpcExposed_programCondition_dependsOnTheHost() {
    HostRules h = new HostRules().allow("svc").port("135").program("%SystemRoot%\\x.exe").add();
    Finding f = one(h.lint(), "RWL0101");
    assertThat(f.message()).endsWith("(depends on the host)");
    assertThat(evidence(f)).contains("depends on the host: rule \"svc\": program condition");
  }

  @Test
  void rpcExposed_defaultAllowAndFirewallOff_reportedAtTheSetting() {
    HostRules h = new HostRules().defaultInbound(Profile.PUBLIC, Action.ALLOW)
        .profileState(Profile.PRIVATE, ProfileState.FIREWALL_OFF);
    List<Finding> f = with(h.lint(), "RWL0101");
    assertThat(f).extracting(x -> x.at().line()).containsExactly(1, 2);
    assertThat(f.get(0).message()).contains("default inbound action allow").contains("in public");
    assertThat(f.get(1).message()).contains("firewall being off").contains("in private");
  }

  @Test
  void rpcExposed_shieldedProfile_notReported() {
    HostRules h = new HostRules().allow("RPC").port("135").profiles(Profile.PUBLIC).add()
        .profileState(Profile.PUBLIC, ProfileState.SHIELDED);
    assertThat(with(h.lint(), "RWL0101")).isEmpty();
  }

  @Test
  void rpcExposed_ipsecBlockFilter_stopsWhatTheFirewallAllowsOnIpv4() {
    IpsecFilter block = IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.BLOCK);
    HostRules v4 = new HostRules().allow("RPC").port("135").from("0.0.0.0/0").add().ipsec(block);
    assertThat(with(v4.lint(), "RWL0101")).isEmpty();
    // IPv6 is not filtered by the legacy agent: still exposed.
    HostRules both = new HostRules().allow("RPC").port("135").add().ipsec(block);
    assertThat(evidence(one(both.lint(), "RWL0101"))).contains("tcp/135 from ::2-")
        .doesNotContainPattern("from [0-9]+\\.");
  }

  @Test
  void rpcExposed_ipsecPassButFirewallBlocks_notReported() {
    HostRules h = new HostRules()
        .ipsec(IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.PASS));
    assertThat(with(h.lint(), "RWL0101")).isEmpty();
  }

  @Test
  void rpcExposed_ipsecNegotiate_dependsOnTheHost() {
    HostRules h = new HostRules().allow("RPC").port("135").from("0.0.0.0/0").add()
        .ipsec(IpsecFilter.inbound(IpsecAddress.any(), 6, 135, IpsecAction.NEGOTIATE));
    Finding f = one(h.lint(), "RWL0101");
    assertThat(f.message()).endsWith("(depends on the host)");
    assertThat(evidence(f)).contains("legacy IPsec filters");
  }

  @Test
  void rpcExposed_ipsecAmbiguousOrder_dependsOnTheHost() {
    // Neither filter is more specific in every dimension: which one the agent orders first is
    // UNCONFIRMED (windows-semantics.md 5.5 rule 3).
    HostRules h = new HostRules().allow("RPC").port("135").from("10.0.0.0/8").add()
        .ipsec(IpsecFilter.inbound(IpsecAddress.any(), 6, IpsecFilter.ANY_PORT, IpsecAction.BLOCK))
        .ipsec(IpsecFilter.inbound(IpsecAddress.prefix(0x0A000000L, 8), IpsecFilter.ANY_PROTOCOL, 135,
            IpsecAction.PASS));
    Roles roles = new Roles(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(Rules.net("10.0.0.0/8")));
    Finding f = one(h.lint(roles), "RWL0101");
    assertThat(f.message()).endsWith("(depends on the host)");
    // A strictly more specific PASS decides for certain.
    HostRules specific = new HostRules().allow("RPC").port("135").from("10.0.0.0/8").add()
        .ipsec(IpsecFilter.inbound(IpsecAddress.any(), 6, IpsecFilter.ANY_PORT, IpsecAction.BLOCK))
        .ipsec(IpsecFilter.inbound(IpsecAddress.prefix(0x0A000000L, 8), 6, 135, IpsecAction.PASS));
    assertThat(one(specific.lint(roles), "RWL0101").message()).doesNotContain("depends");
  }

  @Test
  void rpcExposed_ipsecFilterForAnAddressBlock_neverReliedOnToBlock() {
    IpsecFilter toBlock = new IpsecFilter(IpsecAddress.any(), IpsecAddress.host(0x0A000005L), 6,
        IpsecFilter.ANY_PORT, 135, false, IpsecAction.BLOCK);
    HostRules h = new HostRules().allow("RPC").port("135").from("0.0.0.0/0").add().ipsec(toBlock);
    Finding f = one(h.lint(), "RWL0101");
    assertThat(f.message()).endsWith("(depends on the host)");
    assertThat(evidence(f)).contains("destination address block");
  }

  // --- epm-without-dynamic / dynamic-without-epm ------------------------------------------------

  @Test
  void epmWithoutDynamic_onlyWhenNoDynamicPortIsReachable() {
    HostRules alone = new HostRules().allow("epm").port("135").from("10.0.0.0/8").add();
    Finding f = one(alone.lint(), "RWL0103");
    assertThat(f.category()).isEqualTo(Category.EPM_WITHOUT_DYNAMIC);
    assertThat(evidence(f)).contains("tcp/135 from 10.0.0.0/8");

    HostRules paired = new HostRules().allow("epm").port("135").from("10.0.0.0/8").add()
        .allow("dyn").port("49152-65535").from("10.0.0.0/8").add();
    assertThat(with(paired.lint(), "RWL0103")).isEmpty();

    HostRules wmi = new HostRules().wmiPort(24158)
        .allow("epm").port("135").from("10.0.0.0/8").add()
        .allow("wmi").port("24158").from("10.0.0.0/8").add();
    assertThat(with(wmi.lint(), "RWL0103")).isEmpty();
  }

  @Test
  void epmWithoutDynamic_partOfTheAddresses() {
    HostRules h = new HostRules().allow("epm").port("135").from("10.0.0.0/8").add()
        .allow("dyn").port("49152-65535").from("10.1.0.0/16").add();
    Finding f = one(h.lint(), "RWL0103");
    assertThat(evidence(f)).contains("tcp/135 from 10.0.0.0/16,10.2.0.0-10.255.255.255");
  }

  @Test
  void dynamicWithoutEpm_rpcKeywordWithoutEpmRule() {
    HostRules h = new HostRules()
        .allow("dyn").keyword(PortKeyword.RPC).program("C:\\svc.exe").from("10.0.0.0/8").add();
    Finding f = one(h.lint(), "RWL0104");
    assertThat(f.category()).isEqualTo(Category.DYNAMIC_WITHOUT_EPM);
    assertThat(f.message()).contains("depends on the host");

    HostRules withEpm = new HostRules()
        .allow("dyn").keyword(PortKeyword.RPC).program("C:\\svc.exe").from("10.0.0.0/8").add()
        .allow("epm").keyword(PortKeyword.RPC_EPMAP).service("RpcSs").from("10.0.0.0/8").add();
    assertThat(with(withEpm.lint(), "RWL0104")).isEmpty();
  }

  @Test
  void dynamicWithoutEpm_partOfTheRangeIsNotReported() {
    HostRules h = new HostRules().allow("app").port("50000").from("10.0.0.0/8").add();
    assertThat(with(h.lint(), "RWL0104")).isEmpty();
  }

  // --- rpc-range-invalid / rpc-range-small -------------------------------------------------------

  @Test
  void rangeInvalid_spacesSlashAndGarbage() {
    List<Finding> spaces = new HostRules().rpcRange("5000 - 5100").lint();
    assertThat(one(spaces, "RWL0110").message()).contains("spaces");
    assertThat(one(spaces, "RWL0110").category()).isEqualTo(Category.RPC_RANGE_INVALID);
    assertThat(one(new HostRules().rpcRange("5000/5100").lint(), "RWL0110").message())
        .contains("'N/N'");
    assertThat(one(new HostRules().rpcRange("5000-70000").lint(), "RWL0110").message())
        .contains("above 65535");
    assertThat(one(new HostRules().rpcRange("5001-5100,6001-6100").lint(), "RWL0110").message())
        .contains("several ranges");
    assertThat(with(new HostRules().rpcRange("5001-5100", "6001-6100", "").lint(), "RWL0110"))
        .isEmpty();
  }

  @Test
  void rangeInvalid_missingPorts() {
    HostRules h = new HostRules().rpc("UseInternetPorts", RegistryValue.REG_SZ, "N");
    Finding f = one(h.lint(), "RWL0111");
    assertThat(f.message()).contains("no Ports value");
    assertThat(with(new HostRules().rpcRange("5001-5100").lint(), "RWL0111")).isEmpty();
  }

  @Test
  void rangeInvalid_wrongTypeOrValue() {
    HostRules type = new HostRules().rpc("Ports", RegistryValue.REG_SZ, "5001-5100")
        .rpc("PortsInternetAvailable", RegistryValue.REG_SZ, "Y")
        .rpc("UseInternetPorts", RegistryValue.REG_SZ, "Y");
    assertThat(one(type.lint(), "RWL0112").message()).contains("REG_SZ, not REG_MULTI_SZ");
    HostRules value = new HostRules().rpc("Ports", RegistryValue.REG_MULTI_SZ, "5001-5100")
        .rpc("PortsInternetAvailable", RegistryValue.REG_SZ, "yes")
        .rpc("UseInternetPorts", RegistryValue.REG_DWORD, "1");
    assertThat(with(value.lint(), "RWL0112")).hasSize(2);
    assertThat(with(new HostRules().rpcRange("5001-5100").lint(), "RWL0112")).isEmpty();
  }

  @Test
  void rangeInvalid_overlapsStaticPorts() {
    Finding f = one(new HostRules().rpcRange("100-1000").lint(), "RWL0113");
    assertThat(f.message()).contains("135,139,445");
    Finding wmi = one(new HostRules().wmiPort(24158).rpcRange("24000-24999").lint(), "RWL0113");
    assertThat(wmi.message()).contains("24158");
    assertThat(with(new HostRules().rpcRange("5001-5200").lint(), "RWL0113")).isEmpty();
  }

  @Test
  void wmiPortOutOfRange_ignoredNotThrown() {
    HostRules h = new HostRules().wmiPort(70000).allow("RPC").port("135").add();
    assertThat(h.lint()).extracting(Finding::id).contains("RWL0101");
    assertThat(EffectiveView.render(h.host())).doesNotContain("WMI fixed port");
  }

  @Test
  void rangeSmall_underOneHundredPorts() {
    Finding f = one(new HostRules().rpcRange("5001-5021").lint(), "RWL0120");
    assertThat(f.category()).isEqualTo(Category.RPC_RANGE_SMALL);
    assertThat(f.message()).contains("21 ports");
    assertThat(with(new HostRules().rpcRange("5001-5100").lint(), "RWL0120")).isEmpty();
    assertThat(with(new HostRules().rpcRange("5001-5050", "6001-6050").lint(), "RWL0120")).isEmpty();
  }

  // --- rpc-keyword-unscoped ----------------------------------------------------------------------

  @Test
  void keywordUnscoped_rpcOrEpmapWithoutProgram() {
    HostRules rpc = new HostRules().allow("any rpc").keyword(PortKeyword.RPC).add();
    Finding f = one(rpc.lint(), "RWL0130");
    assertThat(f.message()).contains("RPC keyword");
    HostRules epm = new HostRules().allow("epm").keyword(PortKeyword.RPC_EPMAP).add();
    assertThat(one(epm.lint(), "RWL0130").message()).contains("RPC-EPMap");
    HostRules scoped = new HostRules().allow("svc").keyword(PortKeyword.RPC).service("Netlogon").add()
        .allow("epm").keyword(PortKeyword.RPC_EPMAP).program("svchost.exe").add();
    assertThat(with(scoped.lint(), "RWL0130")).isEmpty();
  }

  @Test
  void keywordUnscoped_programLeftOutByTheInput_saysItDependsOnTheHost() {
    HostRules h = new HostRules().allow("dump").keyword(PortKeyword.RPC)
        .other("program and service not shown by a non-verbose dump").add();
    assertThat(evidence(one(h.lint(), "RWL0130"))).contains("depends on the host");
  }

  // --- dead-allow --------------------------------------------------------------------------------

  @Test
  void deadAllow_namesTheSmallestBlockingSet() {
    HostRules h = new HostRules()
        .allow("smb lan").port("445").from("10.1.0.0/16").add()
        .block("low half").port("445").from("10.1.0.0/17").add()
        .block("high half").port("445").from("10.1.128.0/17").add()
        .block("all smb").port("139,445").add();
    Finding f = one(h.lint(), "RWL0201");
    assertThat(f.category()).isEqualTo(Category.DEAD_ALLOW);
    assertThat(f.at()).isEqualTo(HostRules.at(1));
    assertThat(f.message()).contains("rule \"all smb\" blocks").doesNotContain("half");
    assertThat(evidence(f)).contains("@ host.cmd:4:1");
  }

  @Test
  void deadAllow_twoRulesTogether() {
    HostRules h = new HostRules()
        .allow("smb lan").port("445").from("10.1.0.0/16").add()
        .block("low half").port("445").from("10.1.0.0/17").add()
        .block("high half").port("440-450").from("10.1.128.0/17").add();
    Finding f = one(h.lint(), "RWL0201");
    assertThat(f.message()).contains("rule \"low half\", rule \"high half\" block all");
  }

  @Test
  void deadAllow_partlyBlocked_notReported() {
    HostRules h = new HostRules()
        .allow("smb lan").port("445").from("10.1.0.0/16").add()
        .block("low half").port("445").from("10.1.0.0/17").add()
        .block("other profile").port("445").profiles(Profile.PUBLIC).add();
    assertThat(with(h.lint(), "RWL0201")).isEmpty();
  }

  @Test
  void deadAllow_blockWithProgram_dependsOnTheHost() {
    HostRules h = new HostRules()
        .allow("smb lan").port("445").from("10.1.0.0/16").add()
        .block("block app").port("445").program("C:\\app.exe").add();
    Finding f = one(h.lint(), "RWL0201");
    assertThat(f.message()).endsWith("(depends on the host)");
  }

  @Test
  void deadAllow_blockInOneProfileOnly_notReported() {
    HostRules h = new HostRules()
        .allow("smb").port("445").profiles(Profile.DOMAIN, Profile.PUBLIC).add()
        .block("pub").port("445").profiles(Profile.PUBLIC).add();
    assertThat(with(h.lint(), "RWL0201")).isEmpty();
    h.block("dom").port("445").profiles(Profile.DOMAIN).add();
    assertThat(one(h.lint(), "RWL0201").message()).contains("\"pub\"").contains("\"dom\"");
  }

  // --- duplicate / redundant ---------------------------------------------------------------------

  @Test
  void duplicate_sameRuleUnderAnotherName() {
    HostRules h = new HostRules()
        .allow("RDP").port("3389").from("10.0.0.0/8").profiles(Profile.DOMAIN).add()
        .allow("RDP copy").port("3389").from("10.0.0.0/8").profiles(Profile.DOMAIN).add();
    Finding f = one(h.lint(), "RWL0202");
    assertThat(f.at()).isEqualTo(HostRules.at(2));
    assertThat(f.message()).isEqualTo("rule \"RDP copy\" duplicates rule \"RDP\"");
    assertThat(with(h.lint(), "RWL0203")).isEmpty();
  }

  @Test
  void duplicate_differentPort_notReported() {
    HostRules h = new HostRules()
        .allow("a").port("3389").from("10.0.0.0/8").add()
        .allow("b").port("3390").from("10.0.0.0/8").add();
    assertThat(with(h.lint(), "RWL0202")).isEmpty();
  }

  @Test
  void redundant_coveredByABroaderRule() {
    HostRules h = new HostRules()
        .allow("narrow").port("445").from("10.1.0.0/16").profiles(Profile.DOMAIN).add()
        .allow("broad").port("139,445").from("10.0.0.0/8").add();
    Finding f = one(h.lint(), "RWL0203");
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.at()).isEqualTo(HostRules.at(1));
    assertThat(f.message()).isEqualTo("rule \"narrow\" is covered by rule \"broad\"");
  }

  @Test
  void redundant_conditionsAndProfilesMatter() {
    HostRules program = new HostRules()
        .allow("narrow").port("445").from("10.1.0.0/16").add()
        .allow("broad").port("139,445").from("10.0.0.0/8").program("C:\\a.exe").add();
    assertThat(with(program.lint(), "RWL0203")).isEmpty();
    HostRules profiles = new HostRules()
        .allow("narrow").port("445").from("10.1.0.0/16").add()
        .allow("broad").port("139,445").from("10.0.0.0/8").profiles(Profile.DOMAIN).add();
    assertThat(with(profiles.lint(), "RWL0203")).isEmpty();
    HostRules action = new HostRules()
        .allow("narrow").port("445").from("10.1.0.0/16").add()
        .block("broad").port("139,445").from("10.0.0.0/8").profiles(Profile.DOMAIN).add();
    assertThat(with(action.lint(), "RWL0203")).isEmpty();
    HostRules sameProgram = new HostRules()
        .allow("narrow").port("445").from("10.1.0.0/16").program("C:\\A.exe").add()
        .allow("broad").port("139,445").from("10.0.0.0/8").program("c:\\a.exe").add();
    assertThat(with(sameProgram.lint(), "RWL0203")).hasSize(1);
  }

  // --- ipv6-open -----------------------------------------------------------------------------------

  @Test
  void ipv6Open_ipv4ScopedRuleWhilePortIsOpenToIpv6() {
    HostRules h = new HostRules()
        .allow("RDP v4").port("3389").from("10.0.0.0/8").add()
        .allow("RDP anywhere").port("3000-4000").from("::/0").add();
    Finding f = one(h.lint(), "RWL0301");
    assertThat(f.at()).isEqualTo(HostRules.at(1));
    assertThat(evidence(f)).contains("tcp/3389 from any IPv6 address, allowed by rule \"RDP anywhere\"");
  }

  @Test
  void ipv6Open_noIpv6Opening_notReported() {
    HostRules h = new HostRules()
        .allow("RDP v4").port("3389").from("10.0.0.0/8").add()
        .allow("RDP other").port("3389").from("192.168.0.0/16").add();
    assertThat(with(h.lint(), "RWL0301")).isEmpty();
    HostRules dual = new HostRules()
        .allow("RDP").port("3389").from("10.0.0.0/8", "fd00::/8").add()
        .allow("RDP anywhere").port("3389").from("::/0").add();
    assertThat(with(dual.lint(), "RWL0301")).isEmpty();
  }

  // --- mgmt-exposed --------------------------------------------------------------------------------

  @Test
  void mgmtExposed_publicProfileEvenFromPrivateAddresses() {
    HostRules h = new HostRules().allow("RDP").port("3389").from("10.0.0.0/8")
        .profiles(Profile.PUBLIC).add();
    // Open in the Public profile to private addresses: RWL0305 (warning), not the RWL0302 error.
    assertThat(with(h.lint(), "RWL0302")).isEmpty();
    Finding f = one(h.lint(), "RWL0305");
    assertThat(f.category()).isEqualTo(Category.MGMT_EXPOSED);
    assertThat(f.message()).startsWith("RDP (tcp/3389)").contains("in public");
  }

  @Test
  void mgmtExposed_winrmFromTheInternetInDomain() {
    HostRules h = new HostRules().allow("WinRM").port("5985").profiles(Profile.DOMAIN).add();
    assertThat(one(h.lint(), "RWL0302").message()).startsWith("WinRM (tcp/5985-5986)")
        .contains("in domain");
  }

  @Test
  void mgmtExposed_domainFromAdmins_notReported() {
    HostRules h = new HostRules()
        .allow("RDP").port("3389").from("10.0.0.0/8").profiles(Profile.DOMAIN).add()
        .allow("SMB").port("445").from("10.0.0.0/8").profiles(Profile.DOMAIN, Profile.PRIVATE).add();
    assertThat(with(h.lint(), "RWL0302")).isEmpty();
  }

  @Test
  void mgmtExposed_wmiNeedsBothEpmAndItsPort() {
    HostRules onlyEpm = new HostRules().allow("epm").port("135").from("10.0.0.0/8")
        .profiles(Profile.PUBLIC).add();
    assertThat(with(onlyEpm.lint(), "RWL0305")).isEmpty();
    HostRules both = new HostRules().wmiPort(24158)
        .allow("epm").port("135").from("10.0.0.0/8").profiles(Profile.PUBLIC).add()
        .allow("wmi").port("24158").from("10.0.0.0/8").profiles(Profile.PUBLIC).add();
    List<Finding> f = with(both.lint(), "RWL0305");
    assertThat(f).hasSize(2).allSatisfy(x -> assertThat(x.message()).startsWith("WMI (tcp/135 and tcp/24158)"));
  }

  // --- wrong-port-side -------------------------------------------------------------------------------

  @Test
  void wrongPortSide_inboundRemotePortAndOutboundLocalPort() {
    HostRules in = new HostRules().allow("RPC").remotePort("135").add();
    Finding f = one(in.lint(), "RWL0303");
    assertThat(f.message()).contains("restricts remoteport 135");
    assertThat(f.hint()).isEqualTo("write localport=135 instead of remoteport=135");
    HostRules out = new HostRules().allow("SMB out").out().port("445").add();
    assertThat(one(out.lint(), "RWL0303").message()).contains("(outbound) restricts localport 445");
  }

  @Test
  void wrongPortSide_serverPortOnTheRightSide_notReported() {
    HostRules h = new HostRules().allow("RPC").port("135").from("10.0.0.0/8").add()
        .allow("SMB out").out().remotePort("445").add()
        .allow("client ports").remotePort("49152-65535").from("10.0.0.0/8").add();
    assertThat(with(h.lint(), "RWL0303")).isEmpty();
  }

  // --- lateral-movement ----------------------------------------------------------------------------

  @Test
  void lateralMovement_wmiAndSmbFromWorkstations() {
    Roles roles = new Roles(Optional.of(Rules.net("10.20.0.0/16")), Optional.empty(),
        Optional.of(Rules.net("10.1.0.0/16")), Optional.empty());
    HostRules h = new HostRules()
        .allow("SMB").port("445").from("10.0.0.0/8").profiles(Profile.DOMAIN).add()
        .allow("WMI").port("135").from("10.1.0.0/16").profiles(Profile.DOMAIN).add();
    List<Finding> f = with(h.lint(roles), "RWL0304");
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.category()).isEqualTo(Category.LATERAL_MOVEMENT);
      assertThat(x.message()).startsWith("SMB");
      assertThat(evidence(x)).contains("domain: tcp/445 from 10.20.0.0/16");
    });
    assertThat(with(h.lint(), "RWL0304")).as("no roles, no check").isEmpty();
  }

  @Test
  void lateralMovement_blockedFromWorkstations_notReported() {
    Roles roles = new Roles(Optional.of(Rules.net("10.20.0.0/16")), Optional.empty(),
        Optional.empty(), Optional.empty());
    HostRules h = new HostRules()
        .allow("SMB").port("445").from("10.0.0.0/8").add()
        .block("workstations").port("135,139,445").from("10.20.0.0/16").add();
    assertThat(with(h.lint(roles), "RWL0304")).isEmpty();
  }

  // --- keywords, GPO store -------------------------------------------------------------------------

  @Test
  void addressKeyword_readBothWays() {
    HostRules h = new HostRules().allow("lan").port("135").fromKeyword(AddressKeyword.LOCAL_SUBNET).add();
    Finding f = one(h.lint(), "RWL0101");
    assertThat(f.message()).endsWith("(depends on the host)");
    assertThat(evidence(f)).contains("remote address keyword LOCAL_SUBNET");
  }

  @Test
  void localRulesIgnored_onlyGpoRulesCount() {
    HostRules h = new HostRules()
        .allow("local").port("135").add()
        .profileState(Profile.DOMAIN, ProfileState.LOCAL_RULES_IGNORED)
        .allow("gpo").port("3389").gpo().add();
    List<Finding> f = with(h.lint(), "RWL0101");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("in private, public"));
  }

  @Test
  void findings_sortedByPlaceThenId() {
    HostRules h = new HostRules().allow("RPC").port("135").add().rpcRange("5001-5021");
    List<Finding> f = h.lint();
    assertThat(f).isSortedAccordingTo(
        java.util.Comparator.comparing(Finding::at).thenComparing(Finding::id));
  }
}
